// Checks Leat's `Signature` header: lowercase hex HMAC-SHA256 of the body exactly as sent. Web
// Crypto only (no node:crypto), so receivers on Node 20+, browsers, Deno, Bun and edge runtimes
// share this code.

/** Why a delivery was refused: no header, a header that is not 64 hex characters, or a MAC that differs. */
export type LeatWebhookSignatureErrorReason = "missing" | "malformed" | "mismatch";

/** The `Signature` header does not prove that Leat sent this body with this secret. Answer 401. */
export class LeatWebhookSignatureError extends Error {
  override readonly name = "LeatWebhookSignatureError";
  readonly reason: LeatWebhookSignatureErrorReason;

  constructor(reason: LeatWebhookSignatureErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** The body as received: the framework's raw string or bytes, never a parsed object. */
export type LeatWebhookRawBody = string | Uint8Array | ArrayBuffer;

const SIGNATURE = /^[0-9a-f]{64}$/i;

export function rawBytes(rawBody: LeatWebhookRawBody): Uint8Array<ArrayBuffer> {
  if (typeof rawBody === "string") return new TextEncoder().encode(rawBody);
  // A copy: Web Crypto refuses views of a SharedArrayBuffer, and the caller's bytes stay theirs.
  if (ArrayBuffer.isView(rawBody)) return new Uint8Array(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength).slice();
  // Tag check rather than instanceof, so an ArrayBuffer from another realm (vm, iframe) passes.
  if (Object.prototype.toString.call(rawBody) === "[object ArrayBuffer]") return new Uint8Array(rawBody as ArrayBuffer);
  throw new TypeError(
    `rawBody must be the body as received (string, Uint8Array or ArrayBuffer), got ${rawBody === null ? "null" : typeof rawBody}: re-serialised JSON never matches Leat's signature.`,
  );
}

function subtle(): SubtleCrypto {
  const crypto = (globalThis as { crypto?: Crypto }).crypto;
  if (!crypto?.subtle) throw new Error("Web Crypto (crypto.subtle) is unavailable: use Node 20+ or a page served over HTTPS.");
  return crypto.subtle;
}

/**
 * Resolves when `signature` is the HMAC-SHA256 of `rawBody` under `secret`; otherwise rejects with
 * a {@link LeatWebhookSignatureError} (`reason` "missing", "malformed" or "mismatch").
 *
 * @param rawBody the body exactly as received, before any JSON parsing
 * @param signature the `Signature` header, as the framework hands it over
 * @param secret the webhook subscription's secret, or the account secret when it has none
 */
export async function verifyWebhook(
  rawBody: LeatWebhookRawBody,
  signature: string | null | undefined,
  secret: string,
): Promise<void> {
  if (typeof secret !== "string" || secret === "") {
    throw new TypeError("secret must be a non-empty string (the webhook subscription's secret, or the account secret).");
  }
  const body = rawBytes(rawBody);
  if (signature === undefined || signature === null || (typeof signature === "string" && signature.trim() === "")) {
    throw new LeatWebhookSignatureError("missing", "The webhook request has no Signature header.");
  }
  const hex = typeof signature === "string" ? signature.trim() : "";
  if (!SIGNATURE.test(hex)) {
    const what =
      typeof signature !== "string"
        ? `a ${Array.isArray(signature) ? "list" : typeof signature}`
        : hex.length === 64
          ? "a character that is not hexadecimal"
          : `${hex.length} characters`;
    throw new LeatWebhookSignatureError("malformed", `The Signature header must be 64 hexadecimal characters (an HMAC-SHA256); got ${what}.`);
  }
  const expected = new Uint8Array(32);
  for (let i = 0; i < 32; i++) expected[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);

  const crypto = subtle();
  const key = await crypto.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const actual = new Uint8Array(await crypto.sign("HMAC", key, body));
  // Every byte is compared, whatever differs first, so the time taken says nothing about the MAC.
  let difference = actual.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) difference |= (actual[i] ?? 0) ^ (expected[i] ?? 0);
  if (difference !== 0) {
    throw new LeatWebhookSignatureError(
      "mismatch",
      "The Signature header does not match the body: wrong secret, or the body was changed (re-serialised JSON counts).",
    );
  }
}
