// The fetch function handed to openapi-fetch. Everything that has to happen on the wire lives
// here, so the resource methods and `leat.api` behave alike: the bearer token (for baseUrl's
// origin only), a fresh timeout per attempt, retries with backoff and Retry-After.
import { mergeHeaders } from "openapi-fetch";
import { LeatConnectionError, LeatTimeoutError, parseRetryAfter } from "./errors.js";
import { MAX_RETRY_AFTER_SECONDS, backoffDelayMs, isIdempotent, isRetryableStatus, sleep as defaultSleep } from "./retry.js";

export type FetchFunction = (request: Request) => Promise<Response>;

/** How long each attempt may take and how often to try again; every call may override them. */
export interface Limits {
  timeoutMs: number;
  maxRetries: number;
}

export interface TransportOptions extends Limits {
  apiKey: string;
  /** Only requests to this origin get the Authorization header. */
  origin: string;
  fetch: FetchFunction;
  /** Replaces the key wherever a text from outside (server message, low-level error) is kept. */
  redact: (text: string) => string;
  /** Seams for tests: waiting, jitter and the clock. */
  sleep?: (ms: number, signal?: AbortSignal | null) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

// setTimeout fires at once for a longer delay; waiting this long (almost 25 days) is as good as
// waiting forever, which is what Infinity asks for.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Sends one request with retries. Every attempt builds its Request from `target` (a URL, or a
 * Request whose other settings it keeps) and `init`, whose body is read already so that each
 * attempt sends the same bytes. `read` takes the answer's body inside the attempt: under the same
 * deadline, and with a connection cut mid-body counted as a connection error.
 */
export type Send = <T>(
  target: string | Request,
  init: { method: string; headers: Headers; body?: string | ArrayBuffer | null | undefined },
  /** The call's own options (or openapi-fetch's Request, which carries them): signal and limits. */
  given: { signal?: AbortSignal | null | undefined } & Partial<Record<keyof Limits, unknown>>,
  read: (response: Response) => Promise<T>,
) => Promise<[Response, T]>;

/** `leat.api`'s fetch, with `send` for the resource methods, which build their own requests. */
export type Transport = FetchFunction & { send: Send };

export function createTransport(options: TransportOptions): Transport {
  const { apiKey, origin, fetch, redact, sleep = defaultSleep, random = Math.random, now = Date.now } = options;

  const send: Send = async (target, init, given, read) => {
    const { timeoutMs, maxRetries } = checkLimits(given, options);
    const { method } = init;
    const callerSignal = given.signal;
    for (let attempt = 0; ; attempt++) {
      callerSignal?.throwIfAborted();
      // One signal per attempt, aborted by the caller's signal or by this attempt's deadline.
      const controller = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      let forwardAbort: (() => void) | undefined;
      let answer: [Response, unknown] | undefined;
      try {
        answer = await new Promise((resolve, reject) => {
          // Rejecting here as well keeps the deadline even with a fetch stand-in that ignores signals.
          const abort = (reason: unknown) => {
            controller.abort(reason);
            reject(reason);
          };
          // The deadline aborts with the default reason; the catch below tells it from the caller's.
          timer = setTimeout(abort, Math.min(timeoutMs, MAX_TIMER_MS));
          forwardAbort = () => abort(callerSignal!.reason);
          callerSignal?.addEventListener("abort", forwardAbort);
          fetch(new Request(target, { ...init, signal: controller.signal }))
            .then(async (response): Promise<[Response, unknown]> => [response, await read(response)])
            .then(resolve, reject);
        });
      } catch (error) {
        // The caller's own abort is their answer: the standard AbortError, and no retry.
        callerSignal?.throwIfAborted();
        // A create may have reached the server before the connection broke: never repeat it.
        if (attempt >= maxRetries || !isIdempotent(method)) {
          const url = (target as Request).url ?? target;
          throw controller.signal.aborted ? new LeatTimeoutError({ method, url, timeoutMs }) : connectionError(method, url, error, redact);
        }
      } finally {
        clearTimeout(timer);
        callerSignal?.removeEventListener("abort", forwardAbort!);
      }

      const retryAfter = answer && parseRetryAfter(answer[0].headers.get("retry-after"), now());
      if (answer && !(attempt < maxRetries && isRetryableStatus(method, answer[0].status) && (retryAfter ?? 0) <= MAX_RETRY_AFTER_SECONDS)) {
        return answer as [Response, never];
      }
      await sleep(retryAfter === undefined ? backoffDelayMs(attempt, random) : retryAfter * 1000, callerSignal);
    }
  };

  async function leatFetch(input: Request): Promise<Response> {
    const headers = mergeHeaders(input.headers, new URL(input.url).origin === origin ? { Authorization: `Bearer ${apiKey}` } : undefined);
    const body = input.body && (await input.arrayBuffer());
    // openapi-fetch copies the per-call `timeoutMs` and `maxRetries` onto the Request.
    const [answer, bytes] = await send(input, { method: input.method, headers, body }, input, (response) => response.arrayBuffer());
    // openapi-fetch reads the body again, so it gets a Response over the bytes already read, with
    // the answer's URL (a Response built here would have none).
    return Object.defineProperty(new Response(bytes.byteLength ? bytes : null, answer), "url", { value: answer.url });
  }
  leatFetch.send = send;
  return leatFetch;
}

/** The limits `given` asks for, each falling back to `defaults`; a clear TypeError for a bad one. */
export function checkLimits(given: Partial<Record<keyof Limits, unknown>>, defaults: Limits): Limits {
  const { timeoutMs = defaults.timeoutMs, maxRetries = defaults.maxRetries } = given;
  if (typeof timeoutMs !== "number" || !(timeoutMs > 0)) {
    throw new TypeError(`timeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}`);
  }
  if (!Number.isInteger(maxRetries) || (maxRetries as number) < 0) {
    throw new TypeError(`maxRetries must be a whole number of 0 or more, got ${String(maxRetries)}`);
  }
  return { timeoutMs, maxRetries: maxRetries as number };
}

// The low-level error may carry the Request (and so the Authorization header) in its fields or
// its own cause; keep only its name, text and plain diagnostic fields, with the key taken out.
function sanitize(error: unknown, redact: (text: string) => string, depth = 0): Error {
  const source = (error instanceof Error ? error : new Error(String(error))) as Error & Record<string, unknown>;
  const copy = new Error(redact(source.message)) as Error & Record<string, unknown>;
  for (const key of ["name", "stack", "code", "errno", "syscall", "address", "port"]) {
    const value = source[key];
    if (typeof value === "string") copy[key] = redact(value);
    if (typeof value === "number") copy[key] = value;
  }
  if (source.cause !== undefined && depth < 3) copy.cause = sanitize(source.cause, redact, depth + 1);
  return copy;
}

// Named after the low-level error and its cause ("fetch failed: connect ECONNREFUSED"), with the
// cause's code when the text does not already say it.
function connectionError(method: string, url: string, error: unknown, redact: (text: string) => string): LeatConnectionError {
  const cause = sanitize(error, redact);
  const inner = cause.cause as (Error & { code?: unknown }) | undefined;
  const text = [cause.message, inner?.message].filter(Boolean).join(": ");
  const code = typeof inner?.code === "string" && !text.includes(inner.code) ? ` (${inner.code})` : "";
  return new LeatConnectionError(redact(`${method} ${url} failed: ${text}${code}`), { method, url, cause });
}
