import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerOptions } from "fastify";
import { BODY_LIMIT, BodyProblem, describeBodyError, registerBodyParsers } from "./body.js";
import { apiErrorBody, checkCatalog, fieldErrorsFromAjv, type FieldErrors, type RaisedError } from "./errors.js";
import type { OperationInfo, SpecModel } from "./model.js";
import { chooseScenario, parsePrefer } from "./prefer.js";
import { checkResponse, type ResponseMismatch } from "./response-check.js";
import { isObject, type Json, type JsonObject } from "./spec.js";
import { operation, successExamples, type MockState } from "./state.js";
import type { StateWriter } from "./persist.js";

export interface AppOptions {
  model: SpecModel;
  state: MockState;
  writer: StateWriter | null;
  apiKey: string | undefined;
  logger: FastifyServerOptions["logger"];
  onMismatch: ((mismatch: ResponseMismatch) => void) | null;
}

interface RouteConfig {
  op?: OperationInfo;
}

type Handler = (request: FastifyRequest, reply: FastifyReply, body: JsonObject | undefined) => unknown;


function firstExample(model: SpecModel, op: OperationInfo, status: number): Json {
  const example = op.responses.get(status)?.examples[0]?.value;
  if (example === undefined) throw new Error(`${op.operationId} documents no example for status ${status}`);
  return example;
}

function toRouteRegex(path: string): RegExp {
  const source = path
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${source}/?$`);
}

export function buildApp(options: AppOptions) {
  const { model, state, writer, apiKey, onMismatch } = options;
  checkCatalog(model.errors);

  const rateLimit = model.headerExamples.get("X-RateLimit-Limit") ?? 60;
  const rateRemaining = model.headerExamples.get("X-RateLimit-Remaining") ?? 59;
  const retryAfter = model.headerExamples.get("Retry-After") ?? 30;
  const serverUrl = (model.document.servers as JsonObject[] | undefined)?.[0]?.url;
  const prefix = typeof serverUrl === "string" ? new URL(serverUrl).pathname.replace(/\/$/, "") : "";
  const prefixes = prefix ? ["", prefix] : [""];

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true },
    // A request the HTTP parser rejects still gets a JSON error body.
    clientErrorHandler(error, socket) {
      if (!socket.writable) return;
      const body = JSON.stringify({ message: `Bad request: ${error.message}`, status_code: 400 });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  });
  registerBodyParsers(app);

  function send(reply: FastifyReply, status: number, body: Json): FastifyReply {
    return reply
      .code(status)
      .header("x-ratelimit-limit", rateLimit)
      .header("x-ratelimit-remaining", rateRemaining)
      .send(body);
  }

  function apiError(reply: FastifyReply, name: RaisedError, errors?: FieldErrors): FastifyReply {
    return send(reply, 400, apiErrorBody(model.errors, name, errors));
  }

  function authorized(header: string | undefined): boolean {
    if (typeof header !== "string" || header.length < 8 || header.slice(0, 7).toLowerCase() !== "bearer ") return false;
    const token = header.slice(7).trim();
    return apiKey === undefined ? token !== "" : token === apiKey;
  }

  function unauthorized(reply: FastifyReply, op: OperationInfo): FastifyReply {
    reply.header("www-authenticate", "Bearer");
    return send(reply, 401, firstExample(model, op, 401));
  }

  function metaOf(op: OperationInfo): Json {
    const meta = successExamples(op)[0]?.meta;
    return meta === undefined ? {} : meta;
  }

  // ---- routes outside the spec: 404 and 405 -------------------------------------------------
  const knownPaths = model.operations.reduce((map, op) => {
    const entry = map.get(op.path) ?? { regexes: prefixes.map((p) => toRouteRegex(p + op.path)), methods: new Set<string>() };
    entry.methods.add(op.method);
    if (op.method === "GET") entry.methods.add("HEAD");
    map.set(op.path, entry);
    return map;
  }, new Map<string, { regexes: RegExp[]; methods: Set<string> }>());

  function notRouted(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const path = request.url.split("?")[0] ?? "/";
    for (const [specPath, entry] of knownPaths) {
      if (entry.regexes.some((r) => r.test(path))) {
        const allowed = [...entry.methods].join(", ");
        reply.header("allow", allowed);
        return send(reply, 405, {
          message: `${request.method} is not allowed on ${specPath}; allowed: ${allowed}.`,
          status_code: 405,
        });
      }
    }
    return send(reply, 404, { message: `No operation at ${request.method} ${path}.`, status_code: 404 });
  }
  app.setNotFoundHandler(notRouted);

  // ---- operations ---------------------------------------------------------------------------
  function route(op: OperationInfo, handler: Handler): void {
    const pathParams = op.parameters.filter((p) => p.in === "path");
    const headerParams = op.parameters.filter((p) => p.in === "header");
    const accepted = op.body ? [...op.body.mediaTypes.keys()] : [];
    const badInput = (reply: FastifyReply, errors: FieldErrors) => apiError(reply, "InvalidInput", errors);

    const routeHandler = (request: FastifyRequest, reply: FastifyReply): unknown => {
      if (!authorized(request.headers.authorization)) return unauthorized(reply, op);

      const preferHeader = request.headers.prefer;
      if (preferHeader !== undefined) {
        const preference = parsePrefer(preferHeader);
        if (preference) {
          const scenario = chooseScenario(op, preference);
          if ("problem" in scenario) return send(reply, 400, { message: scenario.problem, status_code: 400 });
          if (scenario.status === 429) reply.header("retry-after", retryAfter);
          if (scenario.status === 401) reply.header("www-authenticate", "Bearer");
          return send(reply, scenario.status, scenario.example?.value ?? { message: `Status ${scenario.status}` });
        }
      }

      const params = request.params as Record<string, string>;
      for (const param of pathParams) {
        if (!param.validate(params[param.name])) return badInput(reply, fieldErrorsFromAjvFor(param.name, param.validate.errors));
      }
      for (const param of headerParams) {
        const value = request.headers[param.name];
        if (value === undefined) {
          if (param.required) return badInput(reply, { [param.name]: [`The ${param.name} header is required.`] });
        } else if (!param.validate(value)) {
          return badInput(reply, fieldErrorsFromAjvFor(param.name, param.validate.errors));
        }
      }

      let body: JsonObject | undefined;
      if (op.body) {
        const raw = request.body as unknown;
        if (raw instanceof BodyProblem) {
          const hint = raw.wrongType ? ` Send ${accepted.join(" or ")}.` : "";
          return badInput(reply, { body: [raw.message + hint] });
        }
        const type = request.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
        const validate = (type && op.body.mediaTypes.get(type)) || op.body.mediaTypes.values().next().value;
        const candidate = raw === undefined ? {} : raw;
        if (validate && !validate(candidate)) return badInput(reply, fieldErrorsFromAjv(validate.errors));
        body = candidate as JsonObject;
      }
      return handler(request, reply, body);
    };

    for (const p of prefixes) {
      app.route({ method: op.method as "GET", url: p + op.path.replace(/\{([^}]+)\}/g, ":$1"), config: { op }, handler: routeHandler });
    }
  }

  function fieldErrorsFromAjvFor(name: string, errors: Parameters<typeof fieldErrorsFromAjv>[0]): FieldErrors {
    return fieldErrorsFromAjv(errors, name);
  }

  const listTiers = operation(model, "listTiers");
  const listTiersMeta = metaOf(listTiers);
  route(listTiers, (_request, reply) => send(reply, 200, { data: state.listTiers(), meta: listTiersMeta }));

  const getContactTier = operation(model, "getContactTier");
  const contactTierMeta = metaOf(getContactTier);
  // The documented "no tier" answer: the success example whose tier has an empty name.
  const noTier = successExamples(getContactTier)
    .map((e) => e.data)
    .find((d) => isObject(d) && (d.name === null || d.name === ""));
  if (noTier === undefined) throw new Error("getContactTier documents no example of a contact without a tier");
  route(getContactTier, (request, reply) => {
    const uuid = (request.params as { contact_uuid: string }).contact_uuid;
    const tier = state.contactTier(uuid);
    if (tier === undefined) return apiError(reply, "ContactNotFound");
    return send(reply, 200, { data: tier ?? noTier, meta: contactTierMeta });
  });

  const listUnits = operation(model, "listUnits");
  const listUnitsMeta = metaOf(listUnits);
  route(listUnits, (_request, reply) => send(reply, 200, { data: state.listUnits(), meta: listUnitsMeta }));

  const createUnit = operation(model, "createUnit");
  const createdStatus = createUnit.responses.has(201) ? 201 : 200;
  const createUnitMeta = metaOf(createUnit);
  route(createUnit, async (request, reply, body) => {
    const input = body as { name: string; label: string; prefix?: string; is_default?: Json };
    const result = state.createUnit(input);
    if ("duplicate" in result) return apiError(reply, "UnitAlreadyExists");
    if (writer) {
      try {
        await writer.save();
      } catch (error) {
        request.log.error({ err: error }, "could not save the mock's state");
        return send(reply, 503, { message: `The mock could not save its state: ${(error as Error).message}` });
      }
    }
    return send(reply, createdStatus, { data: { ...result.unit }, meta: createUnitMeta });
  });

  // ---- errors that happen before a handler runs ---------------------------------------------
  app.setErrorHandler((error: { code?: string; message: string; statusCode?: number }, request, reply) => {
    const op = (request.routeOptions.config as RouteConfig | undefined)?.op;
    const status = error.statusCode ?? 500;
    if (!op) {
      if (request.is404) return notRouted(request, reply);
      return send(reply, status < 500 ? status : 500, { message: error.message, status_code: status < 500 ? status : 500 });
    }
    if (!authorized(request.headers.authorization)) return unauthorized(reply, op);
    if (status < 500) {
      const accepted = op.body ? [...op.body.mediaTypes.keys()] : ["application/json"];
      return apiError(reply, "InvalidInput", { body: [describeBodyError(error, accepted)] });
    }
    request.log.error({ err: error }, "unexpected error in the mock");
    return send(reply, 500, { message: "The mock server failed; this is a bug in the mock.", status_code: 500 });
  });

  if (onMismatch) {
    app.addHook("onSend", (request, reply, payload, done) => {
      const op = (request.routeOptions.config as RouteConfig | undefined)?.op ?? null;
      const problems = checkResponse(model, op, {
        status: reply.statusCode,
        headers: reply.getHeaders(),
        payload: typeof payload === "string" ? payload : payload == null ? undefined : String(payload),
      });
      if (problems.length > 0) {
        onMismatch({
          method: request.method,
          url: request.url,
          operationId: op?.operationId ?? null,
          status: reply.statusCode,
          problems,
        });
      }
      done(null, payload);
    });
  }

  return app;
}

