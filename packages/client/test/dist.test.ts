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
      "LeatErrorCode",
      "LeatTimeoutError",
      "createLeatClient",
      "isLeatApiError",
    ]);
    expect(await userAgentOf(mod)).toBe(`leat-openapi-client/${packageJson.version}`);
  });
});
