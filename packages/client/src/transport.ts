// The fetch function handed to openapi-fetch. Everything that has to happen on the wire lives
// here, so the resource methods and `leat.api` behave alike: the bearer token (for baseUrl's
// origin only), a fresh timeout per attempt, retries with backoff and Retry-After.
import { LeatConnectionError, LeatTimeoutError, parseRetryAfter } from "./errors.js";
import { MAX_RETRY_AFTER_SECONDS, backoffDelayMs, isIdempotent, isRetryableStatus, sleep as defaultSleep } from "./retry.js";

export type FetchFunction = (request: Request) => Promise<Response>;

export interface TransportOptions {
  apiKey: string;
  /** Only requests to this origin get the Authorization header. */
  origin: string;
  fetch: FetchFunction;
  timeoutMs: number;
  maxRetries: number;
  /** Replaces the key wherever a text from outside (server message, low-level error) is kept. */
  redact: (text: string) => string;
  /** Seams for tests: waiting, jitter and the clock. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/** Per-call overrides, read from the Request (openapi-fetch copies unknown init keys onto it). */
interface CallOverrides {
  timeoutMs?: unknown;
  maxRetries?: unknown;
}

export function createTransport(options: TransportOptions): FetchFunction {
  const { apiKey, origin, redact } = options;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;

  return async function leatFetch(input: Request): Promise<Response> {
    const overrides = input as Request & CallOverrides;
    const timeoutMs = overrides.timeoutMs === undefined ? options.timeoutMs : checkTimeout(overrides.timeoutMs);
    const maxRetries = overrides.maxRetries === undefined ? options.maxRetries : checkRetries(overrides.maxRetries);
    const method = input.method.toUpperCase();
    const url = input.url;
    const callerSignal = input.signal;

    const headers = new Headers(input.headers);
    if (new URL(url).origin === origin) headers.set("Authorization", `Bearer ${apiKey}`);

    for (let attempt = 0; ; attempt++) {
      if (callerSignal.aborted) throw callerSignal.reason;
      const timer = startTimer(timeoutMs, callerSignal);
      // A clone per attempt leaves `input`'s body unread, so every attempt sends it whole.
      const request = new Request(input.clone(), { headers, signal: timer.signal });
      let response: Response;
      try {
        // Racing the abort keeps the deadline even with a fetch stand-in that ignores signals.
        response = await Promise.race([options.fetch(request).then((r) => readWhole(r, url)), timer.aborted]);
      } catch (error) {
        if (callerSignal.aborted) throw callerSignal.reason;
        const failure = timer.timedOut
          ? new LeatTimeoutError({ method, url, timeoutMs })
          : new LeatConnectionError(redact(`${method} ${url} failed: ${describe(error)}`), {
              method,
              url,
              cause: sanitize(error, redact),
            });
        // A create may have reached the server before the connection broke: never repeat it.
        if (!isIdempotent(method) || attempt >= maxRetries) throw failure;
        await sleep(backoffDelayMs(attempt, random), callerSignal);
        continue;
      } finally {
        timer.clear();
      }

      if (attempt < maxRetries && isRetryableStatus(method, response.status)) {
        const retryAfter = parseRetryAfter(response.headers.get("retry-after"), now());
        if (retryAfter === undefined || retryAfter <= MAX_RETRY_AFTER_SECONDS) {
          await sleep(retryAfter === undefined ? backoffDelayMs(attempt, random) : retryAfter * 1000, callerSignal);
          continue;
        }
      }
      return response;
    }
  };
}

export function checkTimeout(value: unknown): number {
  if (typeof value !== "number" || Number.isNaN(value) || value <= 0) {
    throw new TypeError(`timeoutMs must be a positive number of milliseconds (Infinity for none), got ${String(value)}`);
  }
  return value;
}

export function checkRetries(value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`maxRetries must be a whole number of 0 or more, got ${String(value)}`);
  }
  return value;
}

interface Timer {
  signal: AbortSignal;
  /** Rejects with the abort reason once the signal aborts. */
  aborted: Promise<never>;
  readonly timedOut: boolean;
  clear(): void;
}

// One signal for an attempt: aborted by the caller's signal or by this attempt's own deadline.
function startTimer(timeoutMs: number, callerSignal: AbortSignal): Timer {
  const controller = new AbortController();
  let timedOut = false;
  const onCallerAbort = () => controller.abort(callerSignal.reason);
  callerSignal.addEventListener("abort", onCallerAbort, { once: true });
  const id = Number.isFinite(timeoutMs)
    ? setTimeout(() => {
        timedOut = true;
        controller.abort(new DOMException("The request timed out", "TimeoutError"));
      }, timeoutMs)
    : undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
  });
  // Nobody may be listening any more by the time it rejects.
  aborted.catch(() => undefined);
  return {
    signal: controller.signal,
    aborted,
    get timedOut() {
      return timedOut;
    },
    clear() {
      clearTimeout(id);
      callerSignal.removeEventListener("abort", onCallerAbort);
    },
  };
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

// Reading the body inside the attempt puts it under the timeout, and turns a connection cut
// mid-body into a connection error that can be retried, instead of a failure while parsing.
async function readWhole(response: Response, url: string): Promise<Response> {
  if (response.status < 200 || response.status > 599) return response;
  const body = NULL_BODY_STATUS.has(response.status) || response.body === null ? null : await response.arrayBuffer();
  const copy = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  // A fetch stand-in may build a Response without a URL; errors still name the request's.
  Object.defineProperty(copy, "url", { value: response.url || url });
  return copy;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const code = cause && "code" in cause && typeof cause.code === "string" ? cause.code : undefined;
  const text = [error.message, cause?.message].filter(Boolean).join(": ");
  return code && !text.includes(code) ? `${text} (${code})` : text;
}

// The low-level error may carry the Request (and so the Authorization header) in its fields or
// its own cause; keep only its name, text and plain diagnostic fields.
function sanitize(error: unknown, redact: (text: string) => string, depth = 0): Error {
  if (!(error instanceof Error)) return new Error(redact(String(error)));
  const copy = new Error(redact(error.message));
  copy.name = error.name;
  copy.stack = error.stack === undefined ? undefined : redact(error.stack);
  for (const key of ["code", "errno", "syscall", "address", "port"] as const) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (typeof value === "string" || typeof value === "number") {
      (copy as unknown as Record<string, unknown>)[key] = typeof value === "string" ? redact(value) : value;
    }
  }
  if (error.cause !== undefined && depth < 3) copy.cause = sanitize(error.cause, redact, depth + 1);
  return copy;
}
