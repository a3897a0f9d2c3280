import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from "node:http";
import { BodyProblem, mediaTypeOf, readBody } from "./body.js";
import { apiErrorBody, checkCatalog, fieldErrorsFromAjv, type FieldErrors, type RaisedError } from "./errors.js";
import type { OperationInfo, SpecModel } from "./model.js";
import type { StateWriter } from "./persist.js";
import { chooseScenario, parsePrefer } from "./prefer.js";
import { checkResponse, type ResponseMismatch } from "./response-check.js";
import { isObject, type Json, type JsonObject } from "./spec.js";
import { operation, successExamples, type MockState } from "./state.js";

export interface AppOptions {
  model: SpecModel;
  state: MockState;
  writer: StateWriter | null;
  apiKey: string | undefined;
  /** One line per request on stderr. */
  logger: boolean;
  onMismatch: ((mismatch: ResponseMismatch) => void) | null;
}

/** A body serialized ahead of time, for answers that rarely change. */
class Serialized {
  constructor(readonly text: string) {}
}

/** What a handler answers; `body` is sent as JSON. */
interface Answer {
  status: number;
  body: Json | Serialized;
  headers?: OutgoingHttpHeaders;
}

interface Call {
  request: IncomingMessage;
  params: Record<string, string>;
  body: JsonObject | undefined;
}

type Handler = (call: Call) => Answer | Promise<Answer>;

interface Route {
  op: OperationInfo;
  /** Path parameter names, in the order of the regex's groups. */
  names: string[];
  run(request: IncomingMessage, params: Record<string, string>): Answer | Promise<Answer>;
}

interface PathEntry {
  specPath: string;
  pattern: RegExp | null;
  methods: Map<string, Route>;
  allow: string;
}

function compilePath(path: string): { pattern: RegExp | null; names: string[] } {
  const names: string[] = [];
  if (!path.includes("{")) return { pattern: null, names };
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (part.startsWith("{")) {
        names.push(part.slice(1, -1));
        return "([^/]+)";
      }
      return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
    })
    .join("");
  return { pattern: new RegExp(`^${source}$`), names };
}

export interface App {
  server: Server;
  /** Stops taking requests; resolves when the open ones are answered. */
  close(): Promise<void>;
}

export function buildApp(options: AppOptions): App {
  const { model, state, writer, apiKey, onMismatch } = options;
  checkCatalog(model.errors);

  const rateLimit = String(model.headerExamples.get("X-RateLimit-Limit") ?? 5000);
  const rateRemaining = String(model.headerExamples.get("X-RateLimit-Remaining") ?? 4999);
  const retryAfter = String(model.headerExamples.get("Retry-After") ?? 30);
  const serverUrl = (model.document.servers as JsonObject[] | undefined)?.[0]?.url;
  const prefix = typeof serverUrl === "string" ? new URL(serverUrl).pathname.replace(/\/$/, "") : "";
  let closing = false;

  function apiError(name: RaisedError, errors?: FieldErrors): Answer {
    return { status: 400, body: apiErrorBody(model.errors, name, errors) };
  }

  function authorized(header: string | undefined): boolean {
    if (typeof header !== "string" || header.length < 8 || header.slice(0, 7).toLowerCase() !== "bearer ") return false;
    const token = header.slice(7).trim();
    return apiKey === undefined ? token !== "" : token === apiKey;
  }

  function exampleOf(op: OperationInfo, status: number): Json {
    const example = op.responses.get(status)?.examples[0]?.value;
    if (example === undefined) throw new Error(`${op.operationId} documents no example for status ${status}`);
    return example;
  }

  function metaOf(op: OperationInfo): Json {
    const meta = successExamples(op)[0]?.meta;
    return meta === undefined ? {} : meta;
  }

  // ---- the generic part of every operation: token, scenario, parameters, body ----------------
  function route(op: OperationInfo, names: string[], handler: Handler): Route {
    const pathParams = op.parameters.filter((p) => p.in === "path");
    const headerParams = op.parameters.filter((p) => p.in === "header");
    const accepted = op.body ? [...op.body.mediaTypes.keys()] : [];
    const unauthorized: Answer = { status: 401, body: exampleOf(op, 401), headers: { "www-authenticate": "Bearer" } };
    const badInput = (errors: FieldErrors) => apiError("InvalidInput", errors);

    const validate = (request: IncomingMessage, params: Record<string, string>): Answer | null => {
      for (const param of pathParams) {
        if (!param.validate(params[param.name])) return badInput(fieldErrorsFromAjv(param.validate.errors, param.name));
      }
      for (const param of headerParams) {
        const value = request.headers[param.name];
        if (value === undefined) {
          if (param.required) return badInput({ [param.name]: [`The ${param.name} header is required.`] });
        } else if (!param.validate(value)) {
          return badInput(fieldErrorsFromAjv(param.validate.errors, param.name));
        }
      }
      return null;
    };

    const withBody = (request: IncomingMessage, params: Record<string, string>): Promise<Answer> =>
      readBody(request, accepted).then((raw) => {
        if (raw instanceof BodyProblem) {
          return badInput({ body: [raw.wrongType ? `${raw.message} Send ${accepted.join(" or ")}.` : raw.message] });
        }
        const type = mediaTypeOf(request.headers["content-type"]);
        const check = (type && op.body!.mediaTypes.get(type)) || op.body!.mediaTypes.values().next().value;
        const candidate = raw === undefined ? {} : raw;
        if (check && !check(candidate)) return badInput(fieldErrorsFromAjv(check.errors));
        return handler({ request, params, body: candidate as JsonObject });
      });

    return {
      op,
      names,
      run(request, params) {
        if (!authorized(request.headers.authorization)) return unauthorized;
        const preferHeader = request.headers.prefer;
        if (preferHeader !== undefined) {
          const preference = parsePrefer(preferHeader);
          if (preference) {
            const scenario = chooseScenario(op, preference);
            if ("problem" in scenario) return { status: 400, body: { message: scenario.problem, status_code: 400 } };
            const headers: OutgoingHttpHeaders = {};
            if (scenario.status === 429) headers["retry-after"] = retryAfter;
            if (scenario.status === 401) headers["www-authenticate"] = "Bearer";
            return {
              status: scenario.status,
              body: scenario.example?.value ?? { message: `Status ${scenario.status}` },
              headers,
            };
          }
        }
        const invalid = validate(request, params);
        if (invalid) return invalid;
        if (op.body) return withBody(request, params);
        return handler({ request, params, body: undefined });
      },
    };
  }

  // ---- the operations ---------------------------------------------------------------------
  const handlers = new Map<string, Handler>();

  const listTiersMeta = metaOf(operation(model, "listTiers"));
  // Tiers never change while the mock runs, so their answer is serialized once.
  const tiersAnswer = new Serialized(JSON.stringify({ data: state.listTiers(), meta: listTiersMeta }));
  handlers.set("listTiers", () => ({ status: 200, body: tiersAnswer }));

  const getContactTier = operation(model, "getContactTier");
  const contactTierMeta = metaOf(getContactTier);
  // The documented "no tier" answer: the success example whose tier has an empty name.
  const noTier = successExamples(getContactTier)
    .map((e) => e.data)
    .find((d) => isObject(d) && (d.name === null || d.name === ""));
  if (noTier === undefined) throw new Error("getContactTier documents no example of a contact without a tier");
  const tierAnswers = new Map<Json, Serialized>();
  handlers.set("getContactTier", ({ params }) => {
    const tier = state.contactTier(params.contact_uuid!);
    if (tier === undefined) return apiError("ContactNotFound");
    const data = tier ?? noTier;
    let answer = tierAnswers.get(data);
    if (!answer) {
      answer = new Serialized(JSON.stringify({ data, meta: contactTierMeta }));
      tierAnswers.set(data, answer);
    }
    return { status: 200, body: answer };
  });

  const listUnitsMeta = metaOf(operation(model, "listUnits"));
  let unitsAnswer: Serialized | null = null;
  handlers.set("listUnits", () => ({
    status: 200,
    body: (unitsAnswer ??= new Serialized(JSON.stringify({ data: state.listUnits(), meta: listUnitsMeta }))),
  }));

  const createUnit = operation(model, "createUnit");
  const createdStatus = createUnit.responses.has(201) ? 201 : 200;
  const createUnitMeta = metaOf(createUnit);
  handlers.set("createUnit", ({ body }) => {
    // Check and insert happen in one synchronous step, so simultaneous creates cannot both win.
    const result = state.createUnit(body as { name: string; label: string; prefix?: string; is_default?: Json });
    if ("duplicate" in result) return apiError("UnitAlreadyExists");
    unitsAnswer = null;
    // Serialized now: the unit as created, even if a later create demotes it while this one is saved.
    const created: Answer = { status: createdStatus, body: new Serialized(JSON.stringify({ data: result.unit, meta: createUnitMeta })) };
    if (!writer) return created;
    return writer.save().then(
      () => created,
      (error: unknown): Answer => {
        // Undo, so memory and disk agree and a client's retry of this 503 can succeed.
        result.undo();
        unitsAnswer = null;
        process.stderr.write(`leat-mock: could not save the state: ${(error as Error).message}\n`);
        return { status: 503, body: { message: `The mock could not save its state: ${(error as Error).message}` } };
      },
    );
  });

  // ---- the route table ----------------------------------------------------------------------
  const exact = new Map<string, PathEntry>();
  const patterned: PathEntry[] = [];
  for (const op of model.operations) {
    const handler = handlers.get(op.operationId);
    if (!handler) continue; // an operation the mock does not implement answers 404
    for (const base of prefix ? ["", prefix] : [""]) {
      const fullPath = base + op.path;
      const { pattern, names } = compilePath(fullPath);
      let entry = pattern ? patterned.find((e) => e.pattern!.source === pattern.source) : exact.get(fullPath);
      if (!entry) {
        entry = { specPath: op.path, pattern, methods: new Map(), allow: "" };
        if (pattern) patterned.push(entry);
        else exact.set(fullPath, entry);
      }
      entry.methods.set(op.method, route(op, names, handler));
      if (op.method === "GET" && !entry.methods.has("HEAD")) entry.methods.set("HEAD", entry.methods.get("GET")!);
      entry.allow = [...entry.methods.keys()].join(", ");
    }
  }
  for (const op of model.operations) {
    if (!handlers.has(op.operationId)) process.stderr.write(`leat-mock: ${op.operationId} is in the spec but not mocked\n`);
  }

  function find(path: string): { entry: PathEntry; params: Record<string, string> } | null {
    const entry = exact.get(path);
    if (entry) return { entry, params: {} };
    for (const candidate of patterned) {
      const match = candidate.pattern!.exec(path);
      if (!match) continue;
      const params: Record<string, string> = {};
      const route = candidate.methods.values().next().value!;
      for (let i = 0; i < route.names.length; i++) {
        try {
          params[route.names[i]!] = decodeURIComponent(match[i + 1]!);
        } catch {
          params[route.names[i]!] = match[i + 1]!; // left encoded; validation will refuse it
        }
      }
      return { entry: candidate, params };
    }
    return null;
  }

  // ---- sending ------------------------------------------------------------------------------
  function send(request: IncomingMessage, response: ServerResponse, answer: Answer, op: OperationInfo | null): void {
    const text = answer.body instanceof Serialized ? answer.body.text : JSON.stringify(answer.body);
    // A literal of one shape every time: cheaper than spreading shared header objects.
    const headers: OutgoingHttpHeaders = {
      // As Leat sends it: no charset parameter (JSON is UTF-8 by definition).
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
      "x-ratelimit-limit": rateLimit,
      "x-ratelimit-remaining": rateRemaining,
    };
    if (answer.headers) Object.assign(headers, answer.headers);
    if (closing) headers.connection = "close";
    if (onMismatch) {
      const problems = checkResponse(model, op, { status: answer.status, headers, payload: text });
      if (problems.length > 0) {
        onMismatch({ method: request.method ?? "", url: request.url ?? "", operationId: op?.operationId ?? null, status: answer.status, problems });
      }
    }
    response.writeHead(answer.status, headers);
    response.end(text);
  }

  function fail(request: IncomingMessage, response: ServerResponse, error: unknown): void {
    process.stderr.write(`leat-mock: unexpected error on ${request.method} ${request.url}: ${(error as Error).stack ?? String(error)}\n`);
    if (!response.headersSent) {
      send(request, response, { status: 500, body: { message: "The mock server failed; this is a bug in the mock.", status_code: 500 } }, null);
    } else {
      response.destroy();
    }
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const started = options.logger ? performance.now() : 0;
    if (options.logger) {
      response.on("finish", () =>
        process.stderr.write(`${request.method} ${request.url} ${response.statusCode} ${(performance.now() - started).toFixed(1)}ms\n`),
      );
    }
    try {
      const url = request.url ?? "/";
      const query = url.indexOf("?");
      let path = query < 0 ? url : url.slice(0, query);
      if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
      const method = request.method ?? "GET";
      const found = find(path);
      if (!found) {
        send(request, response, { status: 404, body: { message: `No operation at ${method} ${path}.`, status_code: 404 } }, null);
        return;
      }
      const routeFor = found.entry.methods.get(method);
      if (!routeFor) {
        send(
          request,
          response,
          {
            status: 405,
            body: { message: `${method} is not allowed on ${found.entry.specPath}; allowed: ${found.entry.allow}.`, status_code: 405 },
            headers: { allow: found.entry.allow },
          },
          null,
        );
        return;
      }
      const answer = routeFor.run(request, found.params);
      if (answer instanceof Promise) {
        answer.then(
          (a) => send(request, response, a, routeFor.op),
          (error: unknown) => fail(request, response, error),
        );
      } else {
        send(request, response, answer, routeFor.op);
      }
    } catch (error) {
      fail(request, response, error);
    }
  }

  const server = createServer(handle);
  const rateLines = `x-ratelimit-limit: ${rateLimit}\r\nx-ratelimit-remaining: ${rateRemaining}\r\n`;
  // A request the HTTP parser rejects still gets a JSON error body.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason] = error.code === "HPE_HEADER_OVERFLOW" ? [431, "Request Header Fields Too Large"] : [400, "Bad Request"];
    const body = JSON.stringify({ message: `${reason}: ${error.message}`, status_code: status });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${rateLines}Connection: close\r\n\r\n${body}`,
    );
  });

  return {
    server,
    close() {
      closing = true;
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
    },
  };
}
