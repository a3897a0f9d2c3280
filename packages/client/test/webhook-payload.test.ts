// parseWebhook: verify first, then the {type, data} envelope; the spec's own webhook examples go through it.
import { createHmac } from "node:crypto";
import { createRequire } from "node:module";
import { readSpec } from "@leat-openapi/spec-reader";
import { describe, expect, it } from "vitest";
import { LeatWebhookPayloadError, LeatWebhookSignatureError, parseWebhook } from "../src/index.js";

const secret = "account-secret-for-tests";
const sign = (body: string | Uint8Array) => createHmac("sha256", secret).update(body).digest("hex");

/** PHP json_encode's output for a value: JSON with "/" as "\/" and every non-ASCII UTF-16 unit as \uXXXX. */
const phpJsonEncode = (value: unknown) =>
  JSON.stringify(value)
    .replace(/\//g, "\\/")
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

const spec = readSpec(createRequire(import.meta.url).resolve("@leat-openapi/spec/openapi.json"));

// Whatever events the spec holds today, plus one delivery of our own so the list is never empty.
const deliveries: Array<[string, unknown]> = [
  ["a hand-made delivery", { type: "voucher_redeemed", data: { voucher: { code: "SUMMER/7QX2", name: "€5 off" } } }],
  ...spec.webhooks().flatMap((webhook) =>
    Object.values(webhook.requestBody?.content["application/json"]?.examples ?? {}).map(
      (example) => [`the spec's ${webhook.event} example ${example.name}`, example.value] as [string, unknown],
    ),
  ),
];

describe("parseWebhook", () => {
  it.each(deliveries)("returns %s as sent, PHP-encoded and signed", async (_name, value) => {
    const body = phpJsonEncode(value);
    await expect(parseWebhook(body, sign(body), secret)).resolves.toEqual(value);
    await expect(parseWebhook(Buffer.from(body), sign(body), secret)).resolves.toEqual(value);
  });

  it("checks the signature before reading the body", async () => {
    const error = await parseWebhook("not json", sign("something else"), secret).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeatWebhookSignatureError);
    expect((error as LeatWebhookSignatureError).reason).toBe("mismatch");
    const missing = await parseWebhook("not json", undefined, secret).catch((e: unknown) => e);
    expect((missing as LeatWebhookSignatureError).reason).toBe("missing");
  });

  it("returns an event whose type the spec does not list, unchanged", async () => {
    const body = '{"type":"giftcard_transaction_created","data":{"uuid":"x"},"extra":1}';
    await expect(parseWebhook(body, sign(body), secret)).resolves.toEqual({
      type: "giftcard_transaction_created",
      data: { uuid: "x" },
      extra: 1,
    });
  });

  it("refuses a signed body that is not JSON, keeping the parser's error as cause", async () => {
    const body = '{"type":"contact_created",';
    const error = await parseWebhook(body, sign(body), secret).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeatWebhookPayloadError);
    expect((error as Error).message).toMatch(/not UTF-8 JSON/);
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
  });

  it("refuses a signed body that is not UTF-8", async () => {
    const body = new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]);
    await expect(parseWebhook(body, sign(body), secret)).rejects.toThrow(LeatWebhookPayloadError);
  });

  it.each([
    ["an array", "[]"],
    ["a string", '"contact_created"'],
    ["null", "null"],
    ["no data", '{"type":"contact_created"}'],
    ["data as a list", '{"type":"contact_created","data":[]}'],
    ["a numeric type", '{"type":7,"data":{}}'],
  ])("refuses %s as not an event", async (_kind, body) => {
    const error = await parseWebhook(body, sign(body), secret).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeatWebhookPayloadError);
    expect((error as Error).message).toMatch(/not a \{"type": string, "data": object\} event/);
  });
});
