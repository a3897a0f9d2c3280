// openapi-fetch's middleware, run by the transport around every attempt of every call (resource
// methods and `leat.api` alike), so one `leat.use(...)` sees everything that goes on the wire.
import type { paths } from "@leat-openapi/spec/schema";
import {
  createQuerySerializer,
  defaultBodySerializer,
  defaultPathSerializer,
  type Client,
  type MergedOptions,
  type Middleware,
  type MiddlewareRequestParams,
} from "openapi-fetch";
import { OPERATIONS } from "./generated/operations.js";
import type { FetchFunction } from "./transport.js";

export type { Middleware };

/** What a hook is told besides the request: openapi-fetch's fields, the same for every attempt. */
export interface CallContext {
  readonly schemaPath: string;
  readonly params: MiddlewareRequestParams;
  readonly id: string;
  readonly options: MergedOptions;
}

/** Set by `leat.api`'s own first hook on its Request: the fields openapi-fetch knows. */
export const CONTEXT = Symbol("leat.context");

/** An error a hook threw or returned: it ends the call as it is, without a retry. */
export class HookFailure {
  constructor(readonly error: unknown) {}
}

/** Checks a middleware object the way openapi-fetch's `use` does, with a clearer message. */
export function checkMiddleware(m: unknown): Middleware {
  if (typeof m !== "object" || m === null || !["onRequest", "onResponse", "onError"].some((hook) => typeof (m as Record<string, unknown>)[hook] === "function")) {
    throw new TypeError("Middleware must be an object with an onRequest, onResponse or onError function");
  }
  return m as Middleware;
}

/**
 * One attempt through the hooks: onRequest in order (a returned Request replaces the request, a
 * Response skips the network), then fetch, then onError (on a fetch failure) or onResponse in
 * reverse order, as openapi-fetch runs them. `list` is copied by the caller, so a hook that
 * ejects itself does not shift the others.
 */
export async function fetchThrough(list: readonly Middleware[], first: Request, fetch: FetchFunction, context: CallContext): Promise<Response> {
  let request = first;
  let response: Response | undefined;
  for (const m of list) {
    const result = await run<Request | Response>("onRequest", m.onRequest, { ...context, request }, Request, Response);
    if (result instanceof Response) {
      response = result;
      break;
    }
    request = result ?? request;
  }
  if (!response) {
    try {
      response = await fetch(request);
    } catch (error) {
      let failure = error;
      for (let i = list.length - 1; i >= 0 && !response; i--) {
        const result = await run<Response | Error>("onError", list[i]!.onError, { ...context, request, error: failure }, Response, Error);
        if (result instanceof Response) response = result;
        else failure = result ?? failure;
      }
      if (!response) throw failure === error ? error : new HookFailure(failure);
    }
  }
  for (let i = list.length - 1; i >= 0; i--) {
    response = (await run("onResponse", list[i]!.onResponse, { ...context, request, response: response! }, Response)) ?? response;
  }
  return response!;
}

// Calls one hook, if the middleware has it; its error, or a result of the wrong kind, is a HookFailure.
async function run<T>(name: string, hook: ((args: never) => unknown) | undefined, args: object, ...kinds: (new (...a: never[]) => T)[]): Promise<T | undefined> {
  if (!hook) return undefined;
  let result: unknown;
  try {
    result = await hook(args as never);
  } catch (error) {
    throw new HookFailure(error);
  }
  if (!result || kinds.some((kind) => result instanceof kind)) return (result || undefined) as T | undefined;
  throw new HookFailure(new TypeError(`${name} must return ${kinds.map((kind) => `a ${kind.name}`).join(" or ")}, or nothing`));
}

/** `leat.use`, `leat.eject` and what the transport needs to run the hooks. */
export interface MiddlewareRegistry {
  /** The live list the transport reads at each call. */
  readonly list: Middleware[];
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
  /** The hooks' fields for a resource method's call, which has no openapi-fetch Request. */
  context(method: string, url: string): Omit<CallContext, "id">;
}

/**
 * One list for the client. `leat.api.use` and `.eject` are pointed at it, so a hook registered
 * either way runs for every call, once per attempt. While the list is not empty, a first hook of
 * `leat.api`'s own stamps its Request with the schema path and parameters openapi-fetch knows;
 * an empty list leaves `leat.api` without any hook, at no cost.
 */
export function createMiddlewareRegistry(
  api: Client<paths>,
  list: Middleware[],
  baseUrl: string,
  fetch: FetchFunction,
  initial: unknown,
): MiddlewareRegistry {
  // What openapi-fetch tells its hooks about the client; resource methods serialize the same way.
  const options: MergedOptions = Object.freeze({
    baseUrl,
    fetch: fetch as typeof globalThis.fetch,
    parseAs: "json",
    querySerializer: createQuerySerializer(),
    bodySerializer: defaultBodySerializer,
    pathSerializer: defaultPathSerializer,
  });
  const stamp: Middleware = {
    onRequest({ request, schemaPath, params, options }) {
      (request as Request & { [CONTEXT]?: unknown })[CONTEXT] = { schemaPath, params, options };
    },
  };
  const apiUse = api.use.bind(api);
  const apiEject = api.eject.bind(api);
  const registry: MiddlewareRegistry = {
    list,
    use(...middleware) {
      for (const m of middleware) list.push(checkMiddleware(m));
      // openapi-fetch's use appends; eject first so the stamp is there once.
      apiEject(stamp);
      if (list.length) apiUse(stamp);
    },
    eject(...middleware) {
      for (const m of middleware) {
        const i = list.indexOf(m);
        if (i !== -1) list.splice(i, 1);
      }
      if (!list.length) apiEject(stamp);
    },
    context: (method, url) => ({ options, ...describeUrl(method, url.slice(baseUrl.length)) }),
  };
  api.use = registry.use;
  api.eject = registry.eject;
  if (initial !== undefined) {
    if (!Array.isArray(initial)) throw new TypeError("createLeatClient: `middleware` must be a list of middleware objects");
    registry.use(...initial);
  }
  return registry;
}

let templates: [method: string, path: string, pattern: RegExp, names: string[]][] | undefined;

// The spec path and parameters of a resource method's URL, from the table its methods are built from.
function describeUrl(method: string, pathAndQuery: string): Pick<CallContext, "schemaPath" | "params"> {
  templates ??= Object.values(OPERATIONS).flatMap((methods) =>
    Object.values(methods).map((row) => {
      const [verb, path] = row.split(" ") as [string, string];
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "([^/]+)")}$`);
      return [verb, path, pattern, names] as [string, string, RegExp, string[]];
    }),
  // Fixed segments win: `/contacts/find` before `/contacts/{contact_uuid}`.
  ).sort((a, b) => a[3].length - b[3].length);
  const [path = "", search = ""] = pathAndQuery.split("?");
  const query = search ? Object.fromEntries(new URLSearchParams(search)) : undefined;
  for (const [verb, schemaPath, pattern, names] of templates) {
    const match = verb === method && pattern.exec(path);
    if (!match) continue;
    const values = names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]);
    return { schemaPath, params: { ...(names.length && { path: Object.fromEntries(values) }), ...(query && { query }) } };
  }
  return { schemaPath: path, params: query ? { query } : {} };
}
