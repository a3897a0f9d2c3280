// Row 1: the client's own cost. fetch is a stub that answers at once with the spec's example
// body, so everything measured is URL building, headers, Request objects and JSON parsing.
import { clientVariants, overheadRow } from "../client-variants.mjs";
import { interleavedOps } from "../measure.mjs";
import { tiersResponseText } from "../spec-example.mjs";

/**
 * @param {import("../options.mjs").Options} options
 * @returns {Promise<import("../report.mjs").RowResult>}
 */
export async function overheadRowRun(options) {
  const body = tiersResponseText();
  /** @type {typeof fetch} */
  const stubFetch = async () =>
    new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  const { variants, problems } = await clientVariants({ baseUrl: "http://stub.invalid", fetch: stubFetch });
  const results = await interleavedOps(variants, options);
  return overheadRow({
    id: "overhead",
    title: "Client overhead, stubbed fetch (ops/s)",
    targetRatio: 0.8,
    results,
    problems,
    counts: options,
  });
}
