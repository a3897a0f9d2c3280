import * as openapiFetch from "openapi-fetch";
import { mergeHeaders, type Client } from "openapi-fetch";
import { LeatApiError } from "./errors.js";
import type { paths } from "@leat-openapi/spec/schema";
import { checkLimits, createTransport, type FetchFunction } from "./transport.js";
import { createLog, type LeatLogger, type LeatLogLevel } from "./logger.js";
import { createMiddlewareRegistry, type Middleware } from "./middleware.js";
import { createRedactor } from "./redact.js";
import { DEFAULT_BASE_URL } from "./generated/server.js";
import type { LeatResources } from "./generated/resources.js";
import { defineResources, type Call } from "./resources/build.js";
import { CLIENT_VERSION } from "./version.js";

// openapi-fetch's CommonJS build keeps createClient on `exports.default`; when our own CommonJS
// build loads it with Node's interop, the default import is that exports object instead.
type CreateClient = typeof openapiFetch.default;
const createClient: CreateClient =
  typeof openapiFetch.default === "function"
    ? openapiFetch.default
    : (openapiFetch.default as unknown as { default: CreateClient }).default;

export { DEFAULT_BASE_URL };

export interface LeatClientOptions {
  /** A Personal Access Token (or OAuth access token), sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** Defaults to `https://api.piggy.eu/api/v3/oauth/clients`; a trailing slash is fine. */
  baseUrl?: string;
  /** Defaults to the global `fetch`. Receives one `Request` per attempt. */
  fetch?: FetchFunction;
  /** Time allowed for each attempt, response body included. Default 30 000 ms. */
  timeoutMs?: number | undefined;
  /** Time allowed for the whole call: attempts, backoff and Retry-After waits. Default 30 000 ms. */
  totalTimeoutMs?: number | undefined;
  /** How often a failed request is tried again (see the README for which failures). Default 2. */
  maxRetries?: number | undefined;
  /** Extra headers for every request. */
  headers?: LeatHeaders | undefined;
  /** Your application's product token, put in front of the client's own in `User-Agent`. */
  userAgent?: string | undefined;
  /** openapi-fetch middleware run around every attempt of every call (see `leat.use`). */
  middleware?: Middleware[] | undefined;
  /** Default "off", or the LEAT_LOG environment variable where there is one. */
  logLevel?: LeatLogLevel | undefined;
  /** Where log lines go. Default `console`. */
  logger?: LeatLogger | undefined;
  /** Allow a client in a browser page, where anyone can read the key; see the README first. */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/**
 * Headers as a plain object, a list of pairs or a `Headers`: `HeadersInit` without the DOM
 * library, so a Node project's types need not include it.
 */
export type LeatHeaders = Record<string, string> | Iterable<readonly [string, string]>;

/** Options for one call; each one overrides the client's. */
export interface LeatRequestOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  totalTimeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  headers?: LeatHeaders | undefined;
}

/** The typed openapi-fetch client behind `leat.api`. */
export type LeatApi = Client<paths>;

/**
 * One property per resource of the spec (`leat.tiers`, `leat.contacts`, ...), each method named by
 * its operation's `x-client-method` (see api.md), and `leat.api`.
 */
export interface LeatClient extends LeatResources {
  /** openapi-fetch's `{ data, error, response }` client with the same auth, retries, timeouts and middleware. */
  api: LeatApi;
  /** Adds openapi-fetch middleware, run around every attempt of every call (`leat.api.use` is the same). */
  use(...middleware: Middleware[]): void;
  /** Removes middleware added with `use` or the `middleware` option. */
  eject(...middleware: Middleware[]): void;
}

export function createLeatClient(options: LeatClientOptions): LeatClient {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("createLeatClient needs an options object with your `apiKey`");
  }
  const apiKey = checkApiKey(options.apiKey);
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  checkBrowser(options.dangerouslyAllowBrowser);
  const limits = checkLimits(options, { timeoutMs: 30_000, maxRetries: 2, totalTimeoutMs: 30_000 });
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new TypeError("createLeatClient: `fetch` must be a function");
  }
  const redact = createRedactor(apiKey);
  const log = createLog(options.logLevel, options.logger, redact);
  // Looked up per call, so a fetch installed or replaced later is used.
  const fetch: FetchFunction = options.fetch ?? ((request) => globalThis.fetch(request));

  const middleware: Middleware[] = [];
  const transport = createTransport({ ...limits, apiKey, origin: new URL(baseUrl).origin, fetch, redact, log, middleware, context: (m, u) => hooks.context(m, u) });
  const headers = defaultHeaders(options);
  const api = createClient<paths>({ baseUrl, fetch: transport, headers });
  const hooks = createMiddlewareRegistry(api, middleware, baseUrl, fetch, options.middleware);
  // Resource methods only ever call baseUrl, so the key is always theirs to send; it wins over
  // any per-call Authorization, as the transport's does for leat.api.
  const auth = { Authorization: `Bearer ${apiKey}` };
  const authorized = mergeHeaders(headers, auth);

  // Where every resource method ends: the envelope's checked data, or a LeatApiError. They skip
  // openapi-fetch (its Request would only be rebuilt) and parse the body they read once.
  // dataKind: "a" data must be an array, "o" an object, "n" an object or null, "" present.
  const call: Call = async (method, path, dataKind, callOptions = {}, body, keep) => {
    const requested = baseUrl + path;
    const [response, text] = await transport.send(
      requested,
      {
        method,
        headers:
          body || callOptions.headers
            ? mergeHeaders(body && { "Content-Type": "application/json" }, headers, callOptions.headers && new Headers(callOptions.headers as HeadersInit), auth)
            : authorized,
        body: body && JSON.stringify(body),
      },
      callOptions,
      (answer) => answer.text(),
    );
    const { ok, status, statusText, headers: answerHeaders, url } = response;

    // JSON.parse never returns undefined, so `parsed` left undefined means the text was not JSON;
    // nor does it make an undefined field, so an undefined `data` is a missing one.
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Reported below.
    }
    const data = parsed?.data;
    if (
      ok &&
      (dataKind === "a" ? Array.isArray(data) : dataKind ? isRecord(data) || (dataKind === "n" && data === null) : data !== undefined)
    ) {
      keep({ envelope: parsed!, response });
      return data;
    }

    // The API's own error envelope, or a readable message for any other body.
    const envelope = !ok && typeof parsed?.message === "string" ? parsed : {};
    const typedBody = `a ${answerHeaders.get("content-type")?.split(";")[0]?.trim() || "no content type"} body`;
    throw new LeatApiError({
      method,
      url: url || requested,
      status,
      headers: answerHeaders,
      message:
        "message" in envelope
          ? redact(envelope.message as string)
          : `The Leat API answered HTTP ${status}${statusText ? ` ${statusText}` : ""} ${
              !ok
                ? `with ${text ? typedBody : "an empty body"} instead of its JSON error envelope`
                : parsed === undefined
                  ? `with ${text.trim() ? `${typedBody} that is not valid JSON (${text.length} characters)` : "an empty body"}`
                  : data !== undefined
                    ? `with \`data\` that is not ${dataKind === "a" ? "a list" : "an object"}`
                    : "without the `data` field of its success envelope"
            }`,
      code: typeof envelope.code === "number" ? envelope.code : undefined,
      // The API sends a field's messages as one string or a list; callers always get a list.
      errors: Object.fromEntries(
        Object.entries(isRecord(envelope.errors) ? envelope.errors : {}).map(([field, messages]) => [
          field,
          [messages].flat().filter((message): message is string => typeof message === "string").map(redact),
        ]),
      ),
    });
  };

  const client = { api, use: hooks.use, eject: hooks.eject } as LeatClient;
  // The transport logs a failed status; a success whose body is not what the spec describes fails here.
  const error = log?.error;
  const logged: Call = error
    ? (...args) =>
        call(...args).catch((failure: { status?: number; method?: string; url?: string; message?: string }) => {
          if (failure.status! < 400) error(`${failure.method} ${failure.url} failed: ${failure.message}`);
          throw failure;
        })
    : call;
  defineResources(client, logged);
  return client;
}

// The key is a secret: in a page, every visitor could read it from the code or the network tab.
function checkBrowser(allowed: unknown): void {
  if (typeof window !== "undefined" && typeof document !== "undefined" && allowed !== true) {
    throw new Error("createLeatClient: in a browser the API key is visible to anyone using the page; call Leat from a server, or pass `dangerouslyAllowBrowser: true`");
  }
}

function checkApiKey(apiKey: unknown): string {
  if (typeof apiKey !== "string" || !apiKey.trim()) {
    throw new TypeError("createLeatClient: `apiKey` is required (your Leat Personal Access Token)");
  }
  // A header value cannot hold these; failing later would put the key in fetch's own message.
  if (/[\r\n\0]/.test(apiKey)) {
    throw new TypeError("createLeatClient: `apiKey` contains a line break or NUL character");
  }
  return apiKey.trim();
}

function checkBaseUrl(baseUrl: unknown): string {
  let protocol: string | undefined;
  try {
    protocol = new URL(baseUrl as string).protocol;
  } catch {
    // Not a URL at all: reported below.
  }
  if (typeof baseUrl !== "string" || !/^https?:$/.test(protocol!)) {
    throw new TypeError(`createLeatClient: \`baseUrl\` must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`);
  }
  return baseUrl.replace(/\/+$/, "");
}

// The client's headers win over these defaults.
function defaultHeaders({ headers, userAgent }: LeatClientOptions): Headers {
  const own = `leat-openapi-client/${CLIENT_VERSION}`;
  // Browsers set User-Agent themselves and may refuse a script's.
  const product = typeof document === "undefined" ? (userAgent ? `${userAgent} ${own}` : own) : undefined;
  return mergeHeaders({ Accept: "application/json", "User-Agent": product }, new Headers(headers as HeadersInit | undefined));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
