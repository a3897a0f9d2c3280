// verifyWebhook against node:crypto's HMAC (the receiver's view of Leat's hash_hmac('sha256', json_encode(...), secret)).
import { createHmac } from "node:crypto";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { LeatWebhookSignatureError, verifyWebhook } from "../src/index.js";

const secret = "whsec-3f1c9a7e-test-secret";
const hmac = (body: string | Uint8Array, key = secret) => createHmac("sha256", key).update(body).digest("hex");

// What PHP json_encode sends for {"type":"voucher_created","data":{"voucher":{"name":"Café","url":"https://x.test/a"}}}:
// "/" escaped as "\/", "é" as "\u00e9".
const phpBody = String.raw`{"type":"voucher_created","data":{"voucher":{"name":"Caf\u00e9 \u20ac5","url":"https:\/\/x.test\/a"}}}`;

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => expect.unreachable("expected a rejection"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LeatWebhookSignatureError);
  expect(error).toBeInstanceOf(Error);
  return (error as LeatWebhookSignatureError).reason;
}

describe("verifyWebhook", () => {
  it("accepts the known answer computed with node:crypto", async () => {
    const body = '{"type":"contact_created","data":{"contact":{"uuid":"6b4e2a5c-6f7d-4c0a-9f2e-2a3d6c1b8e90"}}}';
    const signature = hmac(body);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    await expect(verifyWebhook(body, signature, secret)).resolves.toBeUndefined();
  });

  it("matches RFC 4231 test case 2 (key 'Jefe')", async () => {
    const body = "what do ya want for nothing?";
    const expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    expect(hmac(body, "Jefe")).toBe(expected);
    await expect(verifyWebhook(body, expected, "Jefe")).resolves.toBeUndefined();
  });

  it.each([
    ["string", (s: string) => s],
    ["Buffer", (s: string) => Buffer.from(s, "utf8")],
    ["Uint8Array", (s: string) => new TextEncoder().encode(s)],
    ["ArrayBuffer", (s: string) => new TextEncoder().encode(s).buffer],
    ["Uint8Array view into a larger buffer", (s: string) => {
      const bytes = new TextEncoder().encode(`xx${s}yy`);
      return bytes.subarray(2, bytes.length - 2);
    }],
  ])("takes the raw body as a %s", async (_kind, as) => {
    await expect(verifyWebhook(as(phpBody), hmac(phpBody), secret)).resolves.toBeUndefined();
  });

  it("verifies PHP-escaped JSON only as the raw bytes; the re-serialised object fails", async () => {
    const signature = hmac(phpBody);
    await expect(verifyWebhook(phpBody, signature, secret)).resolves.toBeUndefined();
    const reserialised = JSON.stringify(JSON.parse(phpBody));
    // JSON.stringify writes "/" and "é" unescaped: same data, other bytes.
    expect(reserialised).toContain("https://x.test/a");
    expect(reserialised).toContain("Café");
    expect(JSON.parse(reserialised)).toEqual(JSON.parse(phpBody));
    expect(await reasonOf(verifyWebhook(reserialised, signature, secret))).toBe("mismatch");
  });

  it("accepts uppercase hex (Leat sends lowercase; the bytes are the same)", async () => {
    await expect(verifyWebhook(phpBody, hmac(phpBody).toUpperCase(), secret)).resolves.toBeUndefined();
  });

  it("accepts whitespace around the header value, as some frameworks leave it", async () => {
    await expect(verifyWebhook(phpBody, ` ${hmac(phpBody)}\t`, secret)).resolves.toBeUndefined();
  });

  it("refuses a tampered body as a mismatch", async () => {
    const tampered = phpBody.replace("voucher_created", "voucher_redeemed");
    expect(await reasonOf(verifyWebhook(tampered, hmac(phpBody), secret))).toBe("mismatch");
  });

  it("refuses a body signed with another secret as a mismatch", async () => {
    expect(await reasonOf(verifyWebhook(phpBody, hmac(phpBody, "the-account-secret"), secret))).toBe("mismatch");
  });

  it("refuses a signature that differs in its last byte only", async () => {
    const good = hmac(phpBody);
    const bad = good.slice(0, 62) + (good.slice(62) === "00" ? "01" : "00");
    expect(await reasonOf(verifyWebhook(phpBody, bad, secret))).toBe("mismatch");
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["empty", ""],
    ["blank", "   "],
  ])("refuses a %s header as missing", async (_kind, header) => {
    expect(await reasonOf(verifyWebhook(phpBody, header, secret))).toBe("missing");
  });

  it.each([
    ["non-hex", "z".repeat(64)],
    ["63 characters", "a".repeat(63)],
    ["65 characters", "a".repeat(65)],
    ["a SHA-1 length", "a".repeat(40)],
    ["a prefixed value", `sha256=${"a".repeat(64)}`],
    ["two values joined by a proxy", `${"a".repeat(64)}, ${"b".repeat(64)}`],
  ])("refuses %s as malformed", async (_kind, header) => {
    expect(await reasonOf(verifyWebhook(phpBody, header, secret))).toBe("malformed");
  });

  it("refuses a header list (not one string) as malformed", async () => {
    const list = [hmac(phpBody)] as unknown as string;
    expect(await reasonOf(verifyWebhook(phpBody, list, secret))).toBe("malformed");
  });

  it.each([
    ["empty", ""],
    ["undefined", undefined],
  ])("throws a TypeError for an %s secret", async (_kind, key) => {
    await expect(verifyWebhook(phpBody, hmac(phpBody), key as unknown as string)).rejects.toThrow(TypeError);
    await expect(verifyWebhook(phpBody, hmac(phpBody), key as unknown as string)).rejects.toThrow(/secret must be a non-empty string/);
  });

  it("throws a TypeError naming the mistake when given a parsed object instead of the raw body", async () => {
    const parsed = JSON.parse(phpBody) as unknown as string;
    await expect(verifyWebhook(parsed, hmac(phpBody), secret)).rejects.toThrow(TypeError);
    await expect(verifyWebhook(parsed, hmac(phpBody), secret)).rejects.toThrow(/body as received.*got object: re-serialised JSON/s);
  });

  it("never shows the secret in any error", async () => {
    const failures = await Promise.all([
      verifyWebhook(phpBody, hmac(phpBody, "other"), secret).catch((e: unknown) => e),
      verifyWebhook(phpBody, "nope", secret).catch((e: unknown) => e),
      verifyWebhook(phpBody, undefined, secret).catch((e: unknown) => e),
      verifyWebhook({} as unknown as string, hmac(phpBody), secret).catch((e: unknown) => e),
    ]);
    for (const error of failures) {
      expect(error).toBeInstanceOf(Error);
      const e = error as Error;
      for (const text of [e.message, String(e.stack), String(e), JSON.stringify(e), inspect(e)]) {
        expect(text).not.toContain(secret);
      }
    }
  });

  it("says what each reason means in the message", async () => {
    const messages = await Promise.all([
      verifyWebhook(phpBody, undefined, secret).catch((e: Error) => e.message),
      verifyWebhook(phpBody, "abc", secret).catch((e: Error) => e.message),
      verifyWebhook(phpBody, hmac("other"), secret).catch((e: Error) => e.message),
    ]);
    expect(messages[0]).toMatch(/no Signature header/);
    expect(messages[1]).toMatch(/64 hexadecimal characters.*got 3 characters/);
    const nonHex = await verifyWebhook(phpBody, "g".repeat(64), secret).catch((e: Error) => e.message);
    expect(nonHex).toMatch(/got a character that is not hexadecimal/);
    expect(messages[2]).toMatch(/does not match the body/);
  });

  it("has the error's name and reason as fields", async () => {
    const error = await verifyWebhook(phpBody, hmac("other"), secret).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "LeatWebhookSignatureError", reason: "mismatch" });
  });
});

describe("verifyWebhook without Web Crypto", () => {
  it("says what it needs instead of failing inside", async () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, "crypto");
    Object.defineProperty(globalThis, "crypto", { value: undefined, configurable: true, writable: true });
    try {
      await expect(verifyWebhook(phpBody, hmac(phpBody), secret)).rejects.toThrow(/Web Crypto \(crypto.subtle\) is unavailable/);
    } finally {
      if (original) Object.defineProperty(globalThis, "crypto", original);
    }
    await expect(verifyWebhook(phpBody, hmac(phpBody), secret)).resolves.toBeUndefined();
  });
});
