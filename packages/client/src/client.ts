import * as openapiFetch from "openapi-fetch";
import { mergeHeaders, type Client } from "openapi-fetch";
import { LeatApiError } from "./errors.js";
import type { operations, paths } from "./generated/schema.js";
import { checkLimits, createTransport, type FetchFunction } from "./transport.js";
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
    throw new TypeError("createLeatClient needs an options object with your `apiKey`");
  }
  const apiKey = checkApiKey(options.apiKey);
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const limits = checkLimits(options, { timeoutMs: 30_000, maxRetries: 2 });
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new TypeError("createLeatClient: `fetch` must be a function");
  }
  const redact = (text: string) => text.replaceAll(apiKey, "[redacted]");

  const transport = createTransport({
    ...limits,
    apiKey,
    origin: new URL(baseUrl).origin,
    // Looked up per call, so a fetch installed or replaced later is used.
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    redact,
  });
  const api = createClient<paths>({ baseUrl, fetch: transport, headers: defaultHeaders(options) });

  // Where every resource method ends: the envelope's `data`, or a LeatApiError.
  const read = async <T>(method: string, call: Promise<Answer>, isList: boolean): Promise<T> =>
    unwrap(method, await call, isList, redact) as T;

  return {
    tiers: {
      list: async (callOptions) => read<SuccessData<"listTiers">>("GET", api.GET("/tiers", init(callOptions)), true),
    },
    contacts: {
      async getTier(contactUuid, callOptions) {
        if (typeof contactUuid !== "string" || contactUuid.trim() === "") {
          throw new TypeError(`contacts.getTier needs the contact's UUID, got ${JSON.stringify(contactUuid)}`);
        }
        const tier = await read<SuccessData<"getContactTier">>(
          "GET",
          api.GET("/contacts/{contact_uuid}/tier", { ...init(callOptions), params: { path: { contact_uuid: contactUuid } } }),
          false,
        );
        return isNoTier(tier) ? null : tier;
      },
    },
    units: {
      list: async (callOptions) => read<SuccessData<"listUnits">>("GET", api.GET("/units", init(callOptions)), true),
      async create(body, callOptions) {
        if (!isRecord(body)) {
          throw new TypeError("units.create needs the new unit as an object");
        }
        return read<SuccessData<"createUnit"> | SuccessData<"createUnit", 201>>(
          "POST",
          api.POST("/units", { ...init(callOptions), body }),
          false,
        );
      },
    },
    api,
  };
}

// A contact without a tier gets a NoTier, whose name is null or "".
function isNoTier(tier: Tier | NoTier): tier is NoTier {
  return !tier.name;
}

function checkApiKey(apiKey: unknown): string {
  if (typeof apiKey !== "string" || apiKey.trim() === "") {
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
  if (typeof baseUrl !== "string" || (protocol !== "https:" && protocol !== "http:")) {
    throw new TypeError(`createLeatClient: \`baseUrl\` must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`);
  }
  return baseUrl.replace(/\/+$/, "");
}

// The client's headers win over these defaults.
function defaultHeaders({ headers, userAgent }: LeatClientOptions): Headers {
  const own = `leat-openapi-client/${CLIENT_VERSION}`;
  // Browsers set User-Agent themselves and may refuse a script's.
  const product = typeof document === "undefined" ? (userAgent ? `${userAgent} ${own}` : own) : undefined;
  return mergeHeaders({ Accept: "application/json", "User-Agent": product }, new Headers(headers));
}

// Only the documented per-call options go on to openapi-fetch (the transport checks the limits).
// Resource methods parse the body themselves (parseAs "text") so that a body that is not JSON
// becomes a LeatApiError instead of a SyntaxError thrown from inside openapi-fetch.
function init(options: LeatRequestOptions | undefined) {
  const { signal, headers, timeoutMs, maxRetries } = options ?? {};
  return { signal, headers, timeoutMs, maxRetries, parseAs: "text" as const };
}

/** What openapi-fetch resolves to. */
interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

// The success envelope's `data`, or a LeatApiError with a readable message for anything else.
function unwrap(method: string, { data, error, response }: Answer, isList: boolean, redact: (text: string) => string): unknown {
  const { status, statusText, headers, url } = response;
  const answered = `The Leat API answered HTTP ${status}${statusText ? ` ${statusText}` : ""}`;
  const typedBody = `a ${headers.get("content-type")?.split(";")[0]?.trim() || "no content type"} body`;
  function fail(message: string, envelope: Record<string, unknown> = {}): never {
    throw new LeatApiError({
      method,
      url,
      status,
      headers,
      message,
      code: typeof envelope.code === "number" ? envelope.code : undefined,
      errors: listErrors(envelope.errors, redact),
    });
  }

  if (!response.ok) {
    if (isRecord(error) && typeof error.message === "string") fail(redact(error.message), error);
    const found = error === undefined || error === "" ? "an empty body" : typedBody;
    fail(`${answered} with ${found} instead of its JSON error envelope`);
  }

  // With parseAs "text", `data` is the body as a string, or undefined when there was none (which
  // JSON.parse rejects too, so it ends up as an empty body below).
  const text = data as string | undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text as string);
  } catch {
    fail(`${answered} with ${text?.trim() ? `${typedBody} that is not valid JSON (${text.length} characters)` : "an empty body"}`);
  }
  if (!isRecord(parsed) || !("data" in parsed)) fail(`${answered} without the \`data\` field of its success envelope`);
  const value = parsed.data;
  if (isList ? !Array.isArray(value) : !isRecord(value)) {
    fail(`${answered} with \`data\` that is not ${isList ? "a list" : "an object"}`);
  }
  return value;
}

// The API sends a field's messages as one string or a list; callers always get a list.
function listErrors(errors: unknown, redact: (text: string) => string): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(isRecord(errors) ? errors : {}).map(([field, messages]) => [
      field,
      [messages].flat().filter((message): message is string => typeof message === "string").map(redact),
    ]),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
