import * as openapiFetch from "openapi-fetch";
import { mergeHeaders, type Client } from "openapi-fetch";
import { LeatApiError } from "./errors.js";
import type { operations, paths } from "./generated/schema.js";
import { checkLimits, createTransport, type FetchFunction } from "./transport.js";
import type { CreatedUnit, CreateUnitBody, Tier, Unit } from "./types.js";
import { DEFAULT_BASE_URL } from "./generated/server.js";
import { route } from "./route.js";
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

type SuccessData<Op extends keyof operations> = operations[Op]["responses"] extends Record<
  200,
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
  const headers = defaultHeaders(options);
  const api = createClient<paths>({ baseUrl, fetch: transport, headers });
  // Resource methods only ever call baseUrl, so the key is always theirs to send; it wins over
  // any per-call Authorization, as the transport's does for leat.api.
  const auth = { Authorization: `Bearer ${apiKey}` };
  const authorized = mergeHeaders(headers, auth);

  // Where every resource method ends: the envelope's `data`, or a LeatApiError. They skip
  // openapi-fetch (its Request would only be rebuilt) and parse the body they read once.
  // isList: data must be an array; false: an object; null: an object or null (no tier).
  async function call<T>(method: string, path: string, isList: boolean | null, callOptions: LeatRequestOptions = {}, body?: object): Promise<T> {
    const requested = baseUrl + path;
    const [{ ok, status, statusText, headers: answerHeaders, url }, text] = await transport.send(
      requested,
      {
        method,
        headers:
          body || callOptions.headers
            ? mergeHeaders(body && { "Content-Type": "application/json" }, headers, callOptions.headers, auth)
            : authorized,
        body: body && JSON.stringify(body),
      },
      callOptions,
      (answer) => answer.text(),
    );

    // JSON.parse never returns undefined, so `parsed` left undefined means the text was not JSON;
    // nor does it make an undefined field, so an undefined `data` is a missing one.
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Reported below.
    }
    const data = parsed?.data;
    if (ok && (isList ? Array.isArray(data) : isRecord(data) || (isList === null && data === null))) return data as T;

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
                    ? `with \`data\` that is not ${isList ? "a list" : "an object"}`
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
  }

  return {
    tiers: {
      list: (callOptions) => call<SuccessData<"listTiers">>("GET", route("/tiers"), true, callOptions),
    },
    contacts: {
      async getTier(contactUuid, callOptions) {
        if (typeof contactUuid !== "string" || !contactUuid.trim()) {
          throw new TypeError(`contacts.getTier needs the contact's UUID, got ${JSON.stringify(contactUuid)}`);
        }
        const tier = await call<SuccessData<"getContactTier">>(
          "GET",
          route("/contacts/{contact_uuid}/tier", { contact_uuid: contactUuid }),
          null,
          callOptions,
        );
        // A contact without a tier gets null (as captured) or a NoTier, whose name is null or "".
        return tier?.name ? (tier as Tier) : null;
      },
    },
    units: {
      list: (callOptions) => call<SuccessData<"listUnits">>("GET", route("/units"), true, callOptions),
      async create(body, callOptions) {
        if (!isRecord(body)) {
          throw new TypeError("units.create needs the new unit as an object");
        }
        return call<SuccessData<"createUnit">>("POST", route("/units"), false, callOptions, body);
      },
    },
    api,
  };
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
  return mergeHeaders({ Accept: "application/json", "User-Agent": product }, new Headers(headers));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
