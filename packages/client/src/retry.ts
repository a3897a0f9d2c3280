// When to try a request again, and how long to wait first.

/** A `Retry-After` longer than this is not waited for; the error is thrown with `retryAfter` set. */
export const MAX_RETRY_AFTER_SECONDS = 60;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

// Methods HTTP defines as idempotent: repeating them cannot do the work twice.
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
const RETRY_STATUS_IDEMPOTENT = new Set([408, 429, 500, 502, 503, 504]);
// 429 and 503 are answered before the API does anything, so even a create is safe to repeat.
const RETRY_STATUS_ANY = new Set([429, 503]);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

export function isRetryableStatus(method: string, status: number): boolean {
  return (isIdempotent(method) ? RETRY_STATUS_IDEMPOTENT : RETRY_STATUS_ANY).has(status);
}

/**
 * Exponential backoff for the retry after attempt `attempt` (0-based): 0.5 s x 2^attempt, capped
 * at 8 s, of which a random half is taken off so clients that failed together do not return together.
 */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return ceiling / 2 + random() * (ceiling / 2);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
