// The fetch function handed to openapi-fetch. Everything that has to happen on the wire lives
// here, so the resource methods and `leat.api` behave alike: the bearer token (for baseUrl's
// origin only), a fresh timeout per attempt, retries with backoff and Retry-After.
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
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

// setTimeout fires at once for a longer delay; waiting this long (almost 25 days) is as good as
// waiting forever, which is what Infinity asks for.
const MAX_TIMER_MS = 2 ** 31 - 1;

export function createTransport(options: TransportOptions): FetchFunction {
  const { apiKey, origin, fetch, redact, sleep = defaultSleep, random = Math.random, now = Date.now } = options;

  return async function leatFetch(input: Request): Promise<Response> {
    // openapi-fetch copies the per-call `timeoutMs` and `maxRetries` onto the Request.
    const { timeoutMs, maxRetries } = checkLimits(input as Request & Partial<Record<keyof Limits, unknown>>, options);
    const method = input.method.toUpperCase();
    const url = input.url;
    const callerSignal = input.signal;

    const headers = new Headers(input.headers);
    if (new URL(url).origin === origin) headers.set("Authorization", `Bearer ${apiKey}`);

    for (let attempt = 0; ; attempt++) {
      callerSignal.throwIfAborted();
      // One signal per attempt, aborted by the caller's signal or by this attempt's deadline.
      const controller = new AbortController();
      const { signal } = controller;
      const forwardAbort = () => controller.abort(callerSignal.reason);
      callerSignal.addEventListener("abort", forwardAbort);
      const timer = setTimeout(
        () => controller.abort(new DOMException("The request timed out", "TimeoutError")),
        Math.min(timeoutMs, MAX_TIMER_MS),
      );

      let response: Response | undefined;
      let failure: Error | undefined;
      try {
        response = await new Promise<Response>((resolve, reject) => {
          // Rejecting on abort keeps the deadline even with a fetch stand-in that ignores signals.
          signal.addEventListener("abort", () => reject(signal.reason));
          // A clone per attempt leaves `input`'s body unread, so every attempt sends it whole.
          fetch(new Request(input.clone(), { headers, signal }))
            .then(async (answer) => {
              // Reading a copy of the body here puts it under the timeout, and turns a connection
              // cut mid-body into a connection error; the original keeps the buffered body.
              await answer.clone().arrayBuffer();
              // A fetch stand-in may build a Response without a URL; errors still name the request's.
              return Object.defineProperty(answer, "url", { value: answer.url || url });
            })
            .then(resolve, reject);
        });
      } catch (error) {
        // The caller's own abort is their answer: the standard AbortError, and no retry.
        callerSignal.throwIfAborted();
        failure = signal.aborted ? new LeatTimeoutError({ method, url, timeoutMs }) : connectionError(method, url, error, redact);
      } finally {
        clearTimeout(timer);
        callerSignal.removeEventListener("abort", forwardAbort);
      }

      const retryAfter = response && parseRetryAfter(response.headers.get("retry-after"), now());
      const retry =
        attempt < maxRetries &&
        (response
          ? isRetryableStatus(method, response.status) && (retryAfter ?? 0) <= MAX_RETRY_AFTER_SECONDS
          : // A create may have reached the server before the connection broke: never repeat it.
            isIdempotent(method));
      if (!retry) {
        if (response) return response;
        throw failure;
      }
      await sleep(retryAfter === undefined ? backoffDelayMs(attempt, random) : retryAfter * 1000, callerSignal);
    }
  };
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
