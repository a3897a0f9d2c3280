import * as openapiFetch from "openapi-fetch";
import type { Client } from "openapi-fetch";
import { LeatApiError } from "./errors.js";
import type { operations, paths } from "./generated/schema.js";
import { checkRetries, checkTimeout, createTransport, type FetchFunction } from "./transport.js";
import type { CreatedUnit, CreateUnitBody, NoTier, Tier, Unit } from "./types.js";
import { CLIENT_VERSION } from "./version.js";

// openapi-fetch's CommonJS build keeps createClient on `exports.default`; when our own CommonJS
// build loads it with Node's interop, the default import is that exports object instead.
type CreateClient = typeof openapiFetch.default;
const createClient: CreateClient =
  typeof openapiFetch.default === "function"
    ? openapiFetch.default
    : (openapiFetch.default as unknown as { default: CreateClient }).default;

export const DEFAULT_BASE_URL = "https://api.piggy.eu/api/v3/oauth/clients";

export interface LeatClientOptions {
  /** A Personal Access Token (or OAuth access token), sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** Defaults to `https://api.piggy.eu/api/v3/oauth/clients`; a trailing slash is fine. */
  baseUrl?: string;
  /** Defaults to the global `fetch`. Receives one `Request` per attempt. */
  fetch?: FetchFunction;
  /** Time allowed for each attempt, response body included. Default 30 000 ms. */
  timeoutMs?: number;
  /** How often a failed request is tried again (see the README for which failures). Default 2. */
  maxRetries?: number;
  /** Extra headers for every request. */
  headers?: HeadersInit;
  /** Your application's product token, put in front of the client's own in `User-Agent`. */
  userAgent?: string;
}

/** Options for one call; each one overrides the client's. */
export interface LeatRequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  headers?: HeadersInit;
}

/** The typed openapi-fetch client behind `leat.api`. */
export type LeatApi = Client<paths>;

export interface LeatClient {
  tiers: {
    /** Every tier of the loyalty program. */
    list(options?: LeatRequestOptions): Promise<Tier[]>;
  };
  contacts: {
    /** The contact's tier, or `null` when the contact has none. */
    getTier(contactUuid: string, options?: LeatRequestOptions): Promise<Tier | null>;
  };
  units: {
    /** Every unit of the account. */
    list(options?: LeatRequestOptions): Promise<Unit[]>;
    /** Creates a unit. Not retried after a network failure or timeout, since it may have succeeded. */
    create(body: CreateUnitBody, options?: LeatRequestOptions): Promise<CreatedUnit>;
  };
  /** openapi-fetch's `{ data, error, response }` client with the same auth, retries and timeouts. */
  api: LeatApi;
}

type SuccessData<Op extends keyof operations, Status extends 200 | 201 = 200> = operations[Op]["responses"] extends Record<
  Status,
  { content: { "application/json": { data: infer D } } }
>
  ? D
  : never;

export function createLeatClient(options: LeatClientOptions): LeatClient {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("createLeatClient needs an options object, such as { apiKey: yourLeatToken }");
  }
  const apiKey = checkApiKey(options.apiKey);
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const timeoutMs = options.timeoutMs === undefined ? 30_000 : checkTimeout(options.timeoutMs);
  const maxRetries = options.maxRetries === undefined ? 2 : checkRetries(options.maxRetries);
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new TypeError("createLeatClient: `fetch` must be a function taking a Request");
  }
  const redact = (text: string) => text.split(apiKey).join("[redacted]");

  const transport = createTransport({
    apiKey,
    origin: new URL(baseUrl).origin,
    // Looked up per call, so a fetch installed or replaced later is used.
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    timeoutMs,
    maxRetries,
    redact,
  });
  const api = createClient<paths>({ baseUrl, fetch: transport, headers: defaultHeaders(options) });

  const read = async <T>(
    method: string,
    call: Promise<{ data?: unknown; error?: unknown; response: Response }>,
    shape: "array" | "object",
  ): Promise<T> => {
    const { data, error, response } = await call;
    return unwrap(method, response, response.ok ? data : error, shape, redact) as T;
  };

  return {
    tiers: {
      list: async (callOptions) => read<SuccessData<"listTiers">>("GET", api.GET("/tiers", init(callOptions)), "array"),
    },
    contacts: {
      async getTier(contactUuid, callOptions) {
        if (typeof contactUuid !== "string" || contactUuid.trim() === "") {
          throw new TypeError(`contacts.getTier needs the contact's UUID as a non-empty string, got ${JSON.stringify(contactUuid)}`);
        }
        const tier = await read<SuccessData<"getContactTier">>(
          "GET",
          api.GET("/contacts/{contact_uuid}/tier", { ...init(callOptions), params: { path: { contact_uuid: contactUuid } } }),
          "object",
        );
        return isNoTier(tier) ? null : tier;
      },
    },
    units: {
      list: async (callOptions) => read<SuccessData<"listUnits">>("GET", api.GET("/units", init(callOptions)), "array"),
      async create(body, callOptions) {
        if (typeof body !== "object" || body === null || Array.isArray(body)) {
          throw new TypeError("units.create needs the new unit as an object, such as { name: 'visits', label: 'Visits' }");
        }
        return read<SuccessData<"createUnit"> | SuccessData<"createUnit", 201>>(
          "POST",
          api.POST("/units", { ...init(callOptions), body }),
          "object",
        );
      },
    },
    api,
  };
}

function isNoTier(tier: Tier | NoTier): tier is NoTier {
  return tier.name === null || tier.name === "";
}

function checkApiKey(apiKey: unknown): string {
  if (typeof apiKey !== "string" || apiKey.trim() === "") {
    throw new TypeError(
      "createLeatClient: `apiKey` is required. Pass your Leat Personal Access Token as a non-empty string.",
    );
  }
  // A header value cannot hold these; failing later would put the key in fetch's own message.
  if (/[\r\n\0]/.test(apiKey)) {
    throw new TypeError("createLeatClient: `apiKey` contains a line break or NUL character. Copy the token again.");
  }
  return apiKey.trim();
}

function checkBaseUrl(baseUrl: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof baseUrl === "string" ? new URL(baseUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new TypeError(`createLeatClient: \`baseUrl\` must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`);
  }
  return String(baseUrl).replace(/\/+$/, "");
}

function defaultHeaders(options: LeatClientOptions): Record<string, string> {
  const headers: Record<string, string> = { Accept: "application/json" };
  // Browsers set User-Agent themselves and may refuse a script's.
  if (typeof (globalThis as { document?: unknown }).document === "undefined") {
    const own = `leat-openapi-client/${CLIENT_VERSION}`;
    headers["User-Agent"] = options.userAgent ? `${options.userAgent} ${own}` : own;
  }
  new Headers(options.headers).forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

// Resource methods parse the body themselves (parseAs "text") so that a body that is not JSON
// becomes a LeatApiError instead of a SyntaxError thrown from inside openapi-fetch.
function init(options: LeatRequestOptions | undefined) {
  const { signal, headers, timeoutMs, maxRetries } = options ?? {};
  if (timeoutMs !== undefined) checkTimeout(timeoutMs);
  if (maxRetries !== undefined) checkRetries(maxRetries);
  return { signal, headers, timeoutMs, maxRetries, parseAs: "text" as const };
}

function unwrap(
  method: string,
  response: Response,
  body: unknown,
  shape: "array" | "object",
  redact: (text: string) => string,
): unknown {
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  const contentType = response.headers.get("content-type")?.split(";")[0]?.trim() || "no content type";
  const fail = (message: string, envelope?: Record<string, unknown>): never => {
    throw new LeatApiError({
      method,
      url: response.url,
      status: response.status,
      headers: response.headers,
      message,
      code: typeof envelope?.code === "number" ? envelope.code : undefined,
      errors: normalizeErrors(envelope?.errors, redact),
    });
  };

  if (!response.ok) {
    if (isRecord(body) && typeof body.message === "string") return fail(redact(body.message), body);
    const found = body === undefined || body === "" ? "an empty body" : `a ${contentType} body`;
    return fail(`The Leat API answered ${status} with ${found} instead of its JSON error envelope`);
  }

  if (typeof body !== "string" || body.trim() === "") return fail(`The Leat API answered ${status} with an empty body`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return fail(`The Leat API answered ${status} with a ${contentType} body that is not valid JSON (${body.length} characters)`);
  }
  if (!isRecord(parsed) || !("data" in parsed)) {
    return fail(`The Leat API answered ${status} without the \`data\` field of its success envelope`);
  }
  const data = parsed.data;
  if (shape === "array" ? !Array.isArray(data) : !isRecord(data)) {
    return fail(`The Leat API answered ${status} with \`data\` that is not ${shape === "array" ? "a list" : "an object"}`);
  }
  return data;
}

// The API sends a field's messages as one string or a list; callers always get a list.
function normalizeErrors(errors: unknown, redact: (text: string) => string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  if (!isRecord(errors)) return result;
  for (const [field, value] of Object.entries(errors)) {
    const list = Array.isArray(value) ? value : [value];
    result[field] = list.filter((item): item is string => typeof item === "string").map(redact);
  }
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
