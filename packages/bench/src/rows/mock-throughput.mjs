// Row 4: our mock against Prism under autocannon (10 connections, loopback). Both servers run in
// child processes; autocannon runs here. Rounds alternate which server goes first, and our mock
// is restarted each round so the units created by one round's POSTs do not weigh on the next.
import autocannon from "autocannon";
import { API_KEY } from "../client-variants.mjs";
import { median, roundOrder } from "../measure.mjs";
import { startOurMock, startPrism } from "../servers.mjs";
import { createUnitExample } from "../spec-example.mjs";
import { installedVersion } from "../paths.mjs";

const TITLE = `Mock throughput vs Prism ${installedVersion("@stoplight/prism-cli")} (autocannon, 10 conn)`;
const TARGET_RATIO = 10;
const TARGET_P99_MS = 5;
const OURS = "ours";
const PRISM = "prism";

/**
 * @typedef {{ rps: number, p99: number, non2xx: number, errors: number, total: number }} Sample
 */

let unitCounter = 0;

/**
 * @param {string} url
 * @param {"GET /tiers" | "POST /units"} endpoint
 * @param {number} seconds
 * @returns {Promise<Sample>}
 */
async function load(url, endpoint, seconds) {
  const auth = { authorization: `Bearer ${API_KEY}` };
  const label = String(createUnitExample().label ?? "Bench");
  // Fresh names per request: ours is stateful and refuses a duplicate name (as Leat does).
  const runId = `${process.pid}-${Date.now().toString(36)}`;
  const requests =
    endpoint === "GET /tiers"
      ? [{ method: "GET", path: "/tiers", headers: auth }]
      : [
          {
            method: "POST",
            path: "/units",
            headers: { ...auth, "content-type": "application/json" },
            setupRequest: (/** @type {any} */ req) => ({
              ...req,
              body: JSON.stringify({ name: `bench-${runId}-${++unitCounter}`, label }),
            }),
          },
        ];
  /** @type {any} */
  const result = await autocannon({ url, connections: 10, duration: seconds, requests });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    total: result.requests.total,
  };
}

/**
 * @param {import("../options.mjs").Options} options
 * @returns {Promise<import("../report.mjs").RowResult>}
 */
export async function mockRowRun(options) {
  const target = `≥ ${TARGET_RATIO}x Prism req/s, p99 < ${TARGET_P99_MS} ms`;
  /** @type {string[]} */
  const problems = [];
  /** @type {import("../child.mjs").RunningServer | undefined} */
  let prism;
  try {
    prism = await startPrism(options.prismBin);
  } catch (err) {
    problems.push(/** @type {Error} */ (err).message);
  }

  const endpoints = /** @type {const} */ (["GET /tiers", "POST /units"]);
  /** @type {Record<string, Sample[]>} */
  const samples = {};
  try {
    for (let round = 0; round < options.mockRounds; round++) {
      /** @type {import("../child.mjs").RunningServer | undefined} */
      let ours;
      try {
        ours = await startOurMock();
      } catch (err) {
        const message = /** @type {Error} */ (err).message;
        if (!problems.includes(message)) problems.push(message);
      }
      if (!ours && !prism) break;
      try {
        for (const endpoint of endpoints) {
          /** @type {[string, string][]} */
          const servers = [];
          if (ours) servers.push([OURS, ours.url]);
          if (prism) servers.push([PRISM, prism.url]);
          for (const [name, url] of roundOrder(servers, round)) {
            (samples[`${name} ${endpoint}`] ??= []).push(await load(url, endpoint, options.mockSeconds));
          }
        }
      } finally {
        await ours?.stop();
      }
    }
  } finally {
    await prism?.stop();
  }

  /** @type {Record<string, { rpsMedian: number, p99MedianMs: number, non2xx: number, errors: number, samples: Sample[] }>} */
  const figures = {};
  for (const [key, list] of Object.entries(samples)) {
    const non2xx = list.reduce((a, s) => a + s.non2xx, 0);
    const errors = list.reduce((a, s) => a + s.errors, 0);
    figures[key] = { rpsMedian: median(list.map((s) => s.rps)), p99MedianMs: median(list.map((s) => s.p99)), non2xx, errors, samples: list };
    const total = list.reduce((a, s) => a + s.total, 0);
    if (non2xx + errors > 0) problems.push(`${key}: ${non2xx} non-2xx answers and ${errors} errors out of ${total} requests`);
  }

  /** @type {Record<string, number>} */
  const ratios = {};
  for (const endpoint of endpoints) {
    const a = figures[`${OURS} ${endpoint}`];
    const b = figures[`${PRISM} ${endpoint}`];
    if (a && b) ratios[endpoint] = a.rpsMedian / b.rpsMedian;
  }
  const haveRatios = Object.keys(ratios).length === endpoints.length;
  const ratio = haveRatios ? Math.min(...Object.values(ratios)) : null;
  const p99Ok = endpoints.every((e) => (figures[`${OURS} ${e}`]?.p99MedianMs ?? Infinity) < TARGET_P99_MS);
  const cleanAnswers = Object.keys(figures).every((k) => figures[k].non2xx + figures[k].errors === 0);

  return {
    id: "mock",
    title: TITLE,
    baseline: "Prism",
    ratio,
    ratioText: haveRatios ? endpoints.map((e) => `${e} ${ratios[e].toFixed(1)}x`).join(" · ") : "n/a",
    figures: { ...figures, ratios },
    figuresText: Object.entries(figures)
      .map(([k, f]) => `${k} ${Math.round(f.rpsMedian)} req/s p99 ${f.p99MedianMs} ms`)
      .join(" · "),
    runs: `median of ${options.mockRounds} alternating rounds × ${options.mockSeconds} s per server and endpoint`,
    target,
    met: ratio === null ? null : ratio >= TARGET_RATIO && p99Ok && cleanAnswers,
    problems,
  };
}
