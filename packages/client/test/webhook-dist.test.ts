// The built package's webhook functions, as receivers load them (ESM and CJS): they verify, parse
// and refuse like the sources, and the shipped code uses Web Crypto, not node:crypto.
// `turbo run test` builds first; run `pnpm run build` before running this file on its own.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const distDir = fileURLToPath(new URL("../dist/", import.meta.url));
type Module = typeof import("../src/index.js");

const secret = "dist-test-secret";
const body = String.raw`{"type":"contact_created","data":{"contact":{"email":"b\u00e9a@example.com","site":"https:\/\/x.test"}}}`;
const signature = createHmac("sha256", secret).update(body).digest("hex");

describe.each([
  ["ESM", async () => (await import(`${distDir}index.js`)) as Module],
  ["CJS", async () => createRequire(import.meta.url)(`${distDir}index.cjs`) as Module],
])("%s build", (_format, load) => {
  it("exports verifyWebhook and parseWebhook, which verify and parse the raw body", async () => {
    const mod = await load();
    expect(typeof mod.verifyWebhook).toBe("function");
    expect(typeof mod.parseWebhook).toBe("function");
    await expect(mod.verifyWebhook(body, signature, secret)).resolves.toBeUndefined();
    await expect(mod.parseWebhook(Buffer.from(body), signature, secret)).resolves.toEqual(JSON.parse(body));
  });

  it("refuses with its own LeatWebhookSignatureError and reason", async () => {
    const mod = await load();
    const error = await mod.verifyWebhook(`${body} `, signature, secret).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(mod.LeatWebhookSignatureError);
    expect(error).toMatchObject({ name: "LeatWebhookSignatureError", reason: "mismatch" });
  });
});

it.each(["index.js", "index.cjs"])("dist/%s does not import node:crypto", (file) => {
  const code = readFileSync(`${distDir}${file}`, "utf8");
  expect(code).toContain("crypto.subtle");
  expect(code).not.toMatch(/["'](node:)?crypto["']/);
});
