// The built package, as consumers load it: both formats work and carry the version in User-Agent.
// `turbo run test` builds first; run `pnpm run build` before running this file on its own.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import packageJson from "../package.json" with { type: "json" };

const distDir = fileURLToPath(new URL("../dist/", import.meta.url));

type Module = typeof import("../src/index.js");

async function userAgentOf(mod: Module): Promise<string | null> {
  let seen: string | null = null;
  const leat = mod.createLeatClient({
    apiKey: "k",
    fetch: async (request) => {
      seen = request.headers.get("user-agent");
      return new Response(JSON.stringify({ data: [], meta: [] }), { status: 200 });
    },
  });
  await expect(leat.tiers.list()).resolves.toEqual([]);
  return seen;
}

describe("dist", () => {
  it("exists (run the build first)", () => {
    expect(existsSync(`${distDir}index.js`), "dist/index.js is missing: run `pnpm run build`").toBe(true);
  });

  it.each(["index.d.ts", "index.d.cts"])("%s stands alone: it imports nothing but openapi-fetch", (file) => {
    const text = readFileSync(`${distDir}${file}`, "utf8");
    const imported = [...text.matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']/g)].map((m) => m[1]);
    expect([...new Set(imported)]).toEqual(["openapi-fetch"]);
    expect(text).toMatch(/interface Tier extends /);
  });

  it.each([
    ["ESM", async () => (await import(`${distDir}index.js`)) as Module],
    ["CJS", async () => createRequire(import.meta.url)(`${distDir}index.cjs`) as Module],
  ])("%s build works and names the version in User-Agent", async (_format, load) => {
    const mod = await load();
    expect(Object.keys(mod).sort()).toEqual([
      "DEFAULT_BASE_URL",
      "LeatApiError",
      "LeatConnectionError",
      "LeatError",
      "LeatErrorCode",
      "LeatTimeoutError",
      "LeatWebhookPayloadError",
      "LeatWebhookSignatureError",
      "createLeatClient",
      "isLeatApiError",
      "isLeatError",
      "parseWebhook",
      "verifyWebhook",
    ]);
    expect(await userAgentOf(mod)).toBe(`leat-openapi-client/${packageJson.version}`);
  });
});

describe("errors from one copy of the package are recognised by the other", () => {
  it("ESM errors pass the CommonJS checks and instanceof, and the other way round", async () => {
    const esm = (await import(`${distDir}index.js`)) as Module;
    const cjs = createRequire(import.meta.url)(`${distDir}index.cjs`) as Module;
    expect(esm.LeatApiError).not.toBe(cjs.LeatApiError);
    for (const [from, to] of [
      [esm, cjs],
      [cjs, esm],
    ] as const) {
      const leat = from.createLeatClient({
        apiKey: "k",
        maxRetries: 0,
        fetch: async () => new Response(JSON.stringify({ message: "Contact not found.", code: 55031 }), { status: 400 }),
      });
      const error = await leat.contacts.getTier("4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1").catch((e: unknown) => e);
      expect(to.isLeatError(error)).toBe(true);
      expect(to.isLeatApiError(error)).toBe(true);
      expect(to.isLeatApiError(error, to.LeatErrorCode.ContactNotFound)).toBe(true);
      expect(error).toBeInstanceOf(to.LeatApiError);
      expect(error).toBeInstanceOf(to.LeatError);
      expect(error).not.toBeInstanceOf(to.LeatTimeoutError);
      expect(to.isLeatError(new Error("x"))).toBe(false);
    }
  });
});
