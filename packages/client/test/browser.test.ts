// In a page the key would be visible to every visitor: the client refuses unless told otherwise.
import { afterEach, describe, expect, it } from "vitest";
import { createLeatClient } from "../src/index.js";
import { API_KEY, json } from "./helpers.js";

const globals = globalThis as { window?: unknown; document?: unknown };

afterEach(() => {
  delete globals.window;
  delete globals.document;
});

describe("in a browser", () => {
  it("createLeatClient throws unless dangerouslyAllowBrowser is true", async () => {
    globals.window = globalThis;
    globals.document = {};
    expect(() => createLeatClient({ apiKey: API_KEY })).toThrow(/in a browser the API key is visible to anyone.*`dangerouslyAllowBrowser: true`/);
    expect(() => createLeatClient({ apiKey: API_KEY, dangerouslyAllowBrowser: "yes" as unknown as boolean })).toThrow(/in a browser/);
    const leat = createLeatClient({ apiKey: API_KEY, dangerouslyAllowBrowser: true, fetch: async () => json({ data: [], meta: [] }) });
    await expect(leat.tiers.list()).resolves.toEqual([]);
  });

  it("a worker or server runtime (no window and document together) needs no flag", () => {
    globals.window = globalThis;
    expect(() => createLeatClient({ apiKey: API_KEY })).not.toThrow();
    delete globals.window;
    globals.document = {};
    expect(() => createLeatClient({ apiKey: API_KEY })).not.toThrow();
  });
});
