// When to try a request again, and how long to wait first.

/** A `Retry-After` longer than this is not waited for; the error is thrown with `retryAfter` set. */
export const MAX_RETRY_AFTER_SECONDS = 60;

// Reads: repeating them cannot do any work twice. Leat's PUTs and DELETEs are not all
// idempotent (claiming a contact, collecting a reward), so every other method is a write.
const IDEMPOTENT = ["GET", "HEAD", "OPTIONS"];
const RETRY_STATUS_IDEMPOTENT = [408, 429, 500, 502, 503, 504];
// 429 and 503 are answered before the API does anything, so even a create is safe to repeat.
const RETRY_STATUS_ANY = [429, 503];

/** `method` in upper case, as the transport hands it over. */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.includes(method);
}

export function isRetryableStatus(method: string, status: number): boolean {
  return (isIdempotent(method) ? RETRY_STATUS_IDEMPOTENT : RETRY_STATUS_ANY).includes(status);
}

/**
 * Exponential backoff for the retry after attempt `attempt` (0-based): 0.5 s x 2^attempt, capped
 * at 8 s, of which a random half is taken off so clients that failed together do not return together.
 */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(8_000, 500 * 2 ** attempt);
  return (ceiling / 2) * (1 + random());
}

/** Resolves after `ms`, or early once `signal` aborts (the caller then looks at the signal). */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, signal?.aborted ? 0 : ms);
    signal?.addEventListener("abort", done);
  });
}
