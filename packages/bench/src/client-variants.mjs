// The four ways of reading GET /tiers that rows 1 and 2 compare. Each variant returns the parsed
// body and throws on a non-2xx answer, so none of them wins by skipping work.
import { pathToFileURL } from "node:url";
import createOpenapiFetch from "openapi-fetch";
import { workspaceEntry } from "./paths.mjs";

export const API_KEY = "bench-token";
export const HAND_WRITTEN = "hand-written fetch + json()";
export const TIERS_LIST = "leat.tiers.list()";
export const API_GET = 'leat.api.GET("/tiers")';
export const BARE_OPENAPI_FETCH = "bare openapi-fetch";

/**
 * @param {{ baseUrl: string, fetch: typeof fetch }} setup
 * @returns {Promise<{ variants: import("./measure.mjs").Variant[], problems: string[] }>}
 */
export async function clientVariants({ baseUrl, fetch: fetchImpl }) {
  /** @type {import("./measure.mjs").Variant[]} */
  const variants = [];
  /** @type {string[]} */
  const problems = [];

  const entry = workspaceEntry("@leat-openapi/client");
  if (entry.ok) {
    /** @type {any} */
    const mod = await import(pathToFileURL(entry.entry).href);
    if (typeof mod.createLeatClient !== "function") {
      problems.push("@leat-openapi/client exports no createLeatClient");
    } else {
      const leat = mod.createLeatClient({ apiKey: API_KEY, baseUrl, fetch: fetchImpl });
      variants.push({ name: TIERS_LIST, run: () => leat.tiers.list() });
      variants.push({
        name: API_GET,
        run: async () => {
          const { data, error } = await leat.api.GET("/tiers");
          if (error !== undefined) throw new Error(`${API_GET} answered an error`);
          return data;
        },
      });
    }
  } else {
    problems.push(`${TIERS_LIST} and ${API_GET} not measured: ${entry.reason}`);
  }

  /** @type {any} */
  const bare = createOpenapiFetch({ baseUrl, fetch: fetchImpl, headers: { Authorization: `Bearer ${API_KEY}` } });
  variants.push({
    name: BARE_OPENAPI_FETCH,
    run: async () => {
      const { data, error } = await bare.GET("/tiers");
      if (error !== undefined) throw new Error(`${BARE_OPENAPI_FETCH} answered an error`);
      return data;
    },
  });

  const tiersUrl = `${baseUrl.replace(/\/$/, "")}/tiers`;
  const headers = { Authorization: `Bearer ${API_KEY}`, Accept: "application/json" };
  variants.push({
    name: HAND_WRITTEN,
    run: async () => {
      const response = await fetchImpl(tiersUrl, { headers });
      if (!response.ok) throw new Error(`GET /tiers answered ${response.status}`);
      return response.json();
    },
  });
  return { variants, problems };
}

/** @param {number} n */
export const opsText = (n) => (n >= 10000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : n.toFixed(0));

/**
 * Shapes measured variants into a table row.
 * @param {object} spec
 * @param {"overhead" | "http"} spec.id
 * @param {string} spec.title
 * @param {number} spec.targetRatio
 * @param {import("./measure.mjs").VariantResult[]} spec.results
 * @param {string[]} spec.problems
 * @param {{ rounds: number, sliceMs: number }} spec.counts
 * @returns {import("./report.mjs").RowResult}
 */
export function overheadRow({ id, title, targetRatio, results, problems, counts }) {
  const byName = new Map(results.map((r) => [r.name, r]));
  const ours = byName.get(TIERS_LIST);
  const base = byName.get(HAND_WRITTEN);
  const ratio = ours && base ? ours.median / base.median : null;
  return {
    id,
    title,
    baseline: HAND_WRITTEN,
    ratio,
    ratioText: ratio === null ? "n/a" : `${ratio.toFixed(2)}x (tiers.list / hand-written)`,
    figures: Object.fromEntries(results.map((r) => [r.name, { opsPerSecMedian: r.median, samples: r.samples }])),
    figuresText: results.map((r) => `${r.name} ${opsText(r.median)} ops/s`).join(" · "),
    runs: `median of ${counts.rounds} interleaved rounds × ${counts.sliceMs / 1000} s`,
    target: `≥ ${targetRatio}x`,
    met: ratio === null ? null : ratio >= targetRatio,
    problems,
  };
}
