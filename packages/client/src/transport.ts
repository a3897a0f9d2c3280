// The fetch function handed to openapi-fetch. Everything that has to happen on the wire lives
// here, so the resource methods and `leat.api` behave alike: the bearer token (for baseUrl's
// origin only), a fresh timeout per attempt within the call's budget, retries with backoff and
// Retry-After, middleware around every attempt, and log lines.
import { mergeHeaders } from "openapi-fetch";
import { LeatConnectionError, LeatTimeoutError, parseRetryAfter, requestIdOf } from "./errors.js";
import type { Log } from "./logger.js";
import { CONTEXT, fetchThrough, HookFailure, type CallContext, type Middleware } from "./middleware.js";
import { MAX_RETRY_AFTER_SECONDS, backoffDelayMs, isIdempotent, isRetryableStatus, sleep as defaultSleep } from "./retry.js";

export type FetchFunction = (request: Request) => Promise<Response>;

/** How long each attempt and the whole call may take and how often to try again; every call may override them. */
export interface Limits {
  timeoutMs: number;
  maxRetries: number;
  totalTimeoutMs: number;
}

export interface TransportOptions extends Omit<Limits, "totalTimeoutMs"> {
  /** The whole call's budget; no limit when left out. */
  totalTimeoutMs?: number;
  apiKey: string;
  /** Only requests to this origin get the Authorization header. */
  origin: string;
  fetch: FetchFunction;
  /** Replaces the key wherever a text from outside (server message, low-level error) is kept. */
  redact: (text: string) => string;
  /** Run around every attempt; the transport reads the list at each call, so it may change. */
  middleware?: Middleware[];
  /** The fields hooks get besides the request, for a call that does not carry them. */
  context?: (method: string, url: string) => Omit<CallContext, "id">;
  log?: Log | undefined;
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

let lastId = 0;

export function createTransport(options: TransportOptions): Transport {
  const { apiKey, origin, fetch, redact, middleware = [], log, sleep = defaultSleep, random = Math.random, now = Date.now } = options;
  const defaults = { totalTimeoutMs: Infinity, ...options };

  const send: Send = async (target, init, given, read) => {
    const { timeoutMs, maxRetries, totalTimeoutMs } = checkLimits(given, defaults);
    const { method } = init;
    const url: string = (target as Request).url ?? target;
    const callerSignal = given.signal;
    const started = now();
    const deadline = started + totalTimeoutMs;
    // Copied once per call, so hooks added or ejected meanwhile apply from the next call on.
    const hooks = middleware.length ? [...middleware] : undefined;
    let context: CallContext | undefined;
    if (hooks) {
      const known = (target as Request & { [CONTEXT]?: Omit<CallContext, "id"> })[CONTEXT] ?? options.context?.(method, url);
      context = { schemaPath: "", params: {}, options: undefined!, ...known, id: `leat-${++lastId}` };
    }
    const describe = log && ((attempt: number) => `${method} ${url} (attempt ${attempt + 1} of ${maxRetries + 1}, ${now() - started} ms)`);

    for (let attempt = 0; ; attempt++) {
      callerSignal?.throwIfAborted();
      const left = deadline - now();
      // The attempt's deadline: its own timeoutMs, or what is left of the call's budget if less.
      const limit = Math.min(timeoutMs, left);
      // One signal per attempt, aborted by the caller's signal or by this attempt's deadline.
      const controller = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      let forwardAbort: (() => void) | undefined;
      let answer: [Response, unknown] | undefined;
      let failure: unknown;
      try {
        answer = await new Promise((resolve, reject) => {
          // Rejecting here as well keeps the deadline even with a fetch stand-in that ignores signals.
          const abort = (reason: unknown) => {
            controller.abort(reason);
            reject(reason);
          };
          // The deadline aborts with the default reason; the catch below tells it from the caller's.
          timer = setTimeout(abort, Math.max(0, Math.min(limit, MAX_TIMER_MS)));
          forwardAbort = () => abort(callerSignal!.reason);
          callerSignal?.addEventListener("abort", forwardAbort);
          const request = new Request(target, { ...init, signal: controller.signal });
          (hooks ? fetchThrough(hooks, request, fetch, context!) : fetch(request))
            .then(async (response): Promise<[Response, unknown]> => [response, await read(response)])
            .then(resolve, reject);
        });
      } catch (error) {
        // The caller's own abort is their answer: the signal's reason, and no retry.
        callerSignal?.throwIfAborted();
        // A hook's own error is the hook's answer.
        if (error instanceof HookFailure) {
          log?.error?.(`${describe!(attempt)} failed in middleware: ${String(error.error)}`);
          throw error.error;
        }
        // Timed out on the call's budget rather than the attempt's own limit: nothing is left to retry with.
        const outOfBudget = controller.signal.aborted && limit < timeoutMs;
        failure = controller.signal.aborted
          ? new LeatTimeoutError({ method, url, timeoutMs: outOfBudget ? totalTimeoutMs : timeoutMs, ...(outOfBudget && { budget: true }) })
          : connectionError(method, url, error, redact);
        log?.debug?.(`${describe!(attempt)}: ${(failure as Error).message}`);
        // A create may have reached the server before the connection broke: never repeat it.
        if (attempt >= maxRetries || !isIdempotent(method) || outOfBudget) {
          log?.error?.(`${describe!(attempt)} failed: ${(failure as Error).message}`);
          throw failure;
        }
      } finally {
        clearTimeout(timer);
        callerSignal?.removeEventListener("abort", forwardAbort!);
      }

      const response = answer?.[0];
      if (response && describe) log.debug?.(`${describe(attempt)}: HTTP ${response.status}${requestIdText(response)}`);
      const retryAfter = response && parseRetryAfter(response.headers.get("retry-after"), now());
      let retry = attempt < maxRetries && (!response || (isRetryableStatus(method, response.status) && (retryAfter ?? 0) <= MAX_RETRY_AFTER_SECONDS));
      const wait = retry ? (retryAfter === undefined ? backoffDelayMs(attempt, random) : retryAfter * 1000) : 0;
      // A wait that would use up the budget ends the call now, with what caused it.
      retry &&= now() + wait < deadline;
      if (!retry) {
        if (!response) {
          log?.error?.(`${describe!(attempt)} failed: ${(failure as Error).message}`);
          throw failure;
        }
        if (describe) {
          // At debug level the attempt's line above already said it.
          if (response.ok) log.debug || log.info?.(`${describe(attempt)}: HTTP ${response.status}${requestIdText(response)}`);
          else log.error?.(`${describe(attempt)} failed: HTTP ${response.status}${requestIdText(response)}`);
        }
        return answer as [Response, never];
      }
      log?.warn?.(`${describe!(attempt)}: ${response ? `HTTP ${response.status}` : (failure as Error).name}; retrying in ${Math.round(wait)} ms`);
      await sleep(wait, callerSignal);
    }
  };

  async function leatFetch(input: Request): Promise<Response> {
    const headers = mergeHeaders(input.headers, new URL(input.url).origin === origin ? { Authorization: `Bearer ${apiKey}` } : undefined);
    const body = input.body && (await input.arrayBuffer());
    // openapi-fetch copies the per-call `timeoutMs`, `totalTimeoutMs` and `maxRetries` onto the Request.
    const [answer, bytes] = await send(input, { method: input.method, headers, body }, input, (response) => response.arrayBuffer());
    // openapi-fetch reads the body again, so it gets a Response over the bytes already read, with
    // the answer's URL (a Response built here would have none).
    return Object.defineProperty(new Response(bytes.byteLength ? bytes : null, answer), "url", { value: answer.url });
  }
  leatFetch.send = send;
  return leatFetch;
}

function requestIdText(response: Response): string {
  const id = requestIdOf(response.headers);
  return id === undefined ? "" : `, request id ${id}`;
}

/** The limits `given` asks for, each falling back to `defaults`; a clear TypeError for a bad one. */
export function checkLimits(given: Partial<Record<keyof Limits, unknown>>, defaults: Limits): Limits {
  const { timeoutMs = defaults.timeoutMs, maxRetries = defaults.maxRetries, totalTimeoutMs = defaults.totalTimeoutMs } = given;
  for (const [name, value] of [["timeoutMs", timeoutMs], ["totalTimeoutMs", totalTimeoutMs]] as const) {
    if (typeof value !== "number" || !(value > 0)) {
      throw new TypeError(`${name} must be a positive number of milliseconds, got ${String(value)}`);
    }
  }
  if (!Number.isInteger(maxRetries) || (maxRetries as number) < 0) {
    throw new TypeError(`maxRetries must be a whole number of 0 or more, got ${String(maxRetries)}`);
  }
  return { timeoutMs: timeoutMs as number, maxRetries: maxRetries as number, totalTimeoutMs: totalTimeoutMs as number };
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
