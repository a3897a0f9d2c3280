// The built package, as users load it: ESM and CommonJS both start a mock that answers.
// The global setup rebuilds dist/ when src/ is newer.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TOKEN } from "./helpers.js";

const distDir = fileURLToPath(new URL("../dist/", import.meta.url));
type Module = typeof import("../src/index.js");

describe("dist", () => {
  it.each([
    ["ESM", async () => (await import(`${distDir}index.js`)) as Module],
    ["CommonJS", async () => createRequire(import.meta.url)(`${distDir}index.cjs`) as Module],
  ])("the %s build exports the same API and serves the spec", async (_format, load) => {
    const mod = await load();
    // The built API is the source's (seedContacts, seedShops, seedRewards, seedVouchers, seedOrders, ... and startMockServer).
    const source = Object.keys(await import("../src/index.js")).sort();
    expect(source).toEqual(
      expect.arrayContaining(["seedContacts", "seedOrders", "seedPromotions", "seedRewards", "seedShops", "seedVouchers", "startMockServer"]),
    );
    expect(Object.keys(mod).sort()).toEqual(source);
    const mock = await mod.startMockServer({ port: 0 });
    try {
      const response = await fetch(`${mock.url}/tiers`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
    } finally {
      await mock.close();
    }
  });
});
