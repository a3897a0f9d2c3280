// withResponse and pagination. The page number's place in each style's meta comes from the
// spec's Meta* components; every operation with x-pagination is walked end to end.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { loadFile, readSpec } from "@leat-openapi/spec-reader";
import { describe, expect, it } from "vitest";
import { createLeatClient } from "../src/index.js";
import { leatPagePromise, nextPageNumber, type Start } from "../src/resources/promise.js";
import { API_KEY, json, recordingFetch, tier } from "./helpers.js";

const BASE = "https://api.example.test/api/v3/oauth/clients";
const spec = readSpec(createRequire(import.meta.url).resolve("@leat-openapi/spec/openapi.json"));

// Each style's meta component, as the spec conventions name them (read from the source: the
// bundle keeps only the components an operation uses).
const componentsDir = fileURLToPath(new URL("../../../spec/components/schemas/", import.meta.url));
const META: Record<string, string> = { viewing: "MetaViewing", "per-page": "MetaPerPage", laravel: "MetaLaravel", "current-page": "MetaCurrentPage", array: "MetaArray" };

/** A meta of `style` saying this is page `page` of `last`, using only keys the spec's component declares. */
function metaFor(style: string, page: number, last: number): Record<string, unknown> {
  const schema = loadFile(`${componentsDir}${META[style]}.yaml`) as { properties?: Record<string, unknown>; anyOf?: { properties?: Record<string, unknown> }[] };
  const keys = Object.keys(schema.properties ?? schema.anyOf?.find((s) => s.properties)?.properties ?? {});
  const pageKey = keys.includes("page") ? "page" : "current_page";
  expect(keys).toContain(pageKey);
  expect(keys).toContain("last_page");
  return { [pageKey]: page, last_page: last, total: last * 2 };
}

/** A call that answers `data` with `meta`, as the client core would. */
const answer =
  (data: unknown[], meta: unknown): Start =>
  async (keep) => {
    keep({ envelope: { data, meta }, response: new Response(null) });
    return data;
  };

describe("nextPageNumber", () => {
  it.each(Object.keys(META))("reads the %s style's meta from its component", (style) => {
    expect(nextPageNumber(style, metaFor(style, 1, 3))).toBe(2);
    expect(nextPageNumber(style, metaFor(style, 3, 3))).toBeUndefined();
    expect(nextPageNumber(style, {})).toBeUndefined();
    expect(nextPageNumber(style, [])).toBeUndefined();
  });

  it("reads the array style's list form as [current_page, from, last_page, per_page, total]", () => {
    expect(nextPageNumber("array", [1, 1, 2, 30, 45])).toBe(2);
    expect(nextPageNumber("array", [2, 31, 2, 30, 45])).toBeUndefined();
    expect(nextPageNumber("viewing", [1, 1, 2, 30, 45])).toBeUndefined();
  });
});

describe("leatPagePromise", () => {
  it("awaits to the first page's items, gives the page with meta, and walks every page once", async () => {
    const pages = [answer([1, 2], { page: 1, last_page: 3 }), answer([3], { page: 2, last_page: 3 }), answer([4], { page: 3, last_page: 3 })];
    const asked: number[] = [];
    const list = leatPagePromise<number, unknown>(pages[0]!, "viewing", (page) => {
      asked.push(page);
      return pages[page - 1]!;
    });
    expect(await list).toEqual([1, 2]);
    const first = await list.page();
    expect(first.meta).toEqual({ page: 1, last_page: 3 });
    expect(first.hasNextPage()).toBe(true);
    const items: number[] = [];
    for await (const item of list) items.push(item);
    expect(items).toEqual([1, 2, 3, 4]);
    expect(asked).toEqual([2, 3]);
    const last = await (await first.getNextPage()).getNextPage();
    expect(last.hasNextPage()).toBe(false);
    await expect(last.getNextPage()).rejects.toThrow(RangeError);
  });

  it("stops at an empty page even when the meta says there are more", async () => {
    const list = leatPagePromise<number, unknown>(answer([], { page: 1, last_page: 9 }), "viewing", () => {
      throw new Error("must not fetch");
    });
    const items: number[] = [];
    for await (const item of list) items.push(item);
    expect(items).toEqual([]);
  });
});

describe("withResponse", () => {
  it("gives data, the response, its request id and rate limit", async () => {
    const { fetch } = recordingFetch(() =>
      json({ data: [tier], meta: [] }, 200, { "x-request-id": "req_1", "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "4998" }),
    );
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch });
    const { data, response, requestId, rateLimit } = await leat.tiers.list().withResponse();
    expect(data).toEqual([tier]);
    expect(response.status).toBe(200);
    expect(requestId).toBe("req_1");
    expect(rateLimit).toEqual({ limit: 5000, remaining: 4998 });
  });

  it("has no rateLimit when the headers are missing, and sends one request for await and withResponse", async () => {
    const { fetch, calls } = recordingFetch(() => json({ data: [tier], meta: [] }));
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch });
    const call = leat.tiers.list();
    const [data, full] = await Promise.all([call, call.withResponse()]);
    expect(data).toEqual([tier]);
    expect(full.rateLimit).toBeUndefined();
    expect(full.requestId).toBeUndefined();
    expect(calls).toHaveLength(1);
  });

  it("applies the override to data (contacts.getTier: NoTier -> null)", async () => {
    const { fetch } = recordingFetch(() => json({ data: { name: "" }, meta: [] }));
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch });
    expect((await leat.contacts.getTier("4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1").withResponse()).data).toBeNull();
  });

  it("rejects there, without an unhandled rejection of the data promise", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const { fetch } = recordingFetch(() => json({ code: 1003, message: "Invalid input." }, 400));
      const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch });
      await expect(leat.tiers.list().withResponse()).rejects.toMatchObject({ name: "LeatApiError", code: 1003 });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});

describe("every paginated operation of the spec", () => {
  const paginated = spec.operations().filter((op) => op.pagination);

  it("walks its pages through the client, asking for page 2 with the same query", async () => {
    let walked = 0;
    for (const op of paginated) {
      const style = op.pagination!;
      const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map(() => "id-1");
      const { fetch, calls } = recordingFetch((request) => {
        const page = Number(new URL(request.url).searchParams.get("page") ?? 1);
        const meta = metaFor(style, page, 2);
        return json({ data: [{ n: page }], meta: style === "array" && page === 2 ? [2, 2, 2, 1, 2] : meta });
      });
      const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch }) as unknown as Record<string, Record<string, (...args: unknown[]) => AsyncIterable<unknown>>>;
      const [resource, method] = op.clientMethod!.split(".") as [string, string];
      const items: unknown[] = [];
      for await (const item of leat[resource]![method]!(...names, { limit: 1 })) items.push(item);
      expect(items, op.label).toEqual([{ n: 1 }, { n: 2 }]);
      expect(calls.map((c) => new URL(c.request.url).search), op.label).toEqual(["?limit=1", "?limit=1&page=2"]);
      walked++;
    }
    expect(walked).toBe(paginated.length);
  });
});
