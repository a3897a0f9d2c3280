// Row 6: what each pipeline stage costs as the spec grows. A synthetic spec (packages/scale,
// built from the real spec's components and conventions) at the small and the large size goes
// through bundle, lint (both passes), types, type-check, docs build and mock start-up; each
// stage's time at the large size over its time at the small size is compared with the ratio
// of the sizes. A stage whose ratio of ratios stays at or under 1 grows no faster than linearly.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSpec, realOperationCount } from "@leat-openapi/scale/generate";
import { TIMED_STAGES, runStage } from "@leat-openapi/scale/pipeline";
import { median } from "../measure.mjs";
import { failedRow } from "../report.mjs";

/**
 * @param {import("../options.mjs").Options} options
 * @returns {Promise<import("../report.mjs").RowResult>}
 */
export async function scaleRowRun(options) {
  // The real operations are always part of a synthetic spec (generate.mjs), so the small size
  // is never below the real spec's; the large one stays above it.
  const small = Math.max(options.scaleSizes[0], realOperationCount());
  const large = Math.max(options.scaleSizes[1], small + 40);
  const growth = large / small;
  const title = `Pipeline scale: each stage at ${large} vs ${small} operations`;
  const target = `every stage ≤ ${growth.toFixed(1)}x (linear)`;
  const work = mkdtempSync(join(tmpdir(), "leat-bench-scale-"));
  /** @type {Record<number, Record<string, number[]>>} */
  const samples = { [small]: {}, [large]: {} };
  try {
    const trees = Object.fromEntries(
      [small, large].map((operations) => {
        const out = join(work, String(operations));
        generateSpec({ out, operations, resources: 40, seed: 1 });
        return [operations, out];
      }),
    );
    // Sizes alternate round by round, so a slow spell on the shared machine hits both.
    for (let round = 0; round < options.scaleRounds; round++) {
      const order = round % 2 === 0 ? [small, large] : [large, small];
      for (const size of order) {
        for (const stage of TIMED_STAGES) {
          const t0 = performance.now();
          runStage(stage, trees[size]);
          (samples[size][stage] ??= []).push(performance.now() - t0);
        }
      }
    }
  } catch (err) {
    return failedRow("scale", title, target, err);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  /** @type {Record<string, { smallMs: number, largeMs: number, ratio: number, ratioOfRatios: number }>} */
  const stages = {};
  for (const stage of TIMED_STAGES) {
    const smallMs = median(samples[small][stage]);
    const largeMs = median(samples[large][stage]);
    stages[stage] = { smallMs, largeMs, ratio: largeMs / smallMs, ratioOfRatios: largeMs / smallMs / growth };
  }
  const worst = Math.max(...Object.values(stages).map((s) => s.ratioOfRatios));
  const seconds = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(2)} s`;
  return {
    id: "scale",
    title,
    baseline: `${small} operations; ratio of ratios = (t(${large}) / t(${small})) / (${large} / ${small})`,
    ratio: worst,
    ratioText: `worst stage ${worst.toFixed(2)} of linear · ${TIMED_STAGES.map((s) => `${s} ${stages[s].ratio.toFixed(2)}x (${stages[s].ratioOfRatios.toFixed(2)})`).join(" · ")}`,
    figures: { sizes: { small, large }, stages, samplesMs: samples },
    figuresText: TIMED_STAGES.map((s) => `${s} ${seconds(stages[s].smallMs)} → ${seconds(stages[s].largeMs)}`).join(" · "),
    runs: `median of ${options.scaleRounds} alternating rounds per size`,
    target,
    met: worst <= 1,
    problems: [],
  };
}
