// Timing helpers. Variants are measured in alternating order over several rounds and the
// median round is reported, so a burst of load from another process hits every variant alike
// instead of sinking one of them.

/** @param {number[]} values */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * Runs `fn` back to back for about `ms` milliseconds.
 * @param {() => Promise<unknown>} fn
 * @param {number} ms
 * @returns {Promise<number>} operations per second
 */
export async function opsPerSecond(fn, ms) {
  let count = 0;
  const start = nowMs();
  const end = start + ms;
  let t = start;
  do {
    await fn();
    count++;
    t = nowMs();
  } while (t < end);
  return (count * 1000) / (t - start);
}

/**
 * The order of `items` for a given round: rotated, and reversed every other round, so no
 * variant always runs first (cold caches) or last (after the others' garbage).
 * @template T
 * @param {T[]} items
 * @param {number} round
 * @returns {T[]}
 */
export function roundOrder(items, round) {
  const shift = round % items.length;
  const rotated = [...items.slice(shift), ...items.slice(0, shift)];
  return round % 2 ? rotated.reverse() : rotated;
}

/**
 * @typedef {{ name: string, run: () => Promise<unknown> }} Variant
 * @typedef {{ name: string, median: number, samples: number[] }} VariantResult
 */

/**
 * Lets the previous slice's garbage go before the next slice starts, so one variant's
 * allocations are not paid for by whichever variant runs after it. undici releases some objects
 * (a Request's signal bookkeeping) only through finalizers, which run after a GC and a turn of
 * the event loop. Without --expose-gc this is just a short pause.
 */
export async function settle() {
  const gc = /** @type {undefined | (() => void)} */ (globalThis.gc);
  gc?.();
  await new Promise((r) => setTimeout(r, 20));
  gc?.();
}

/**
 * Checks each variant once (a wrong answer is a failed benchmark, not a fast one), warms them
 * up, then measures them interleaved.
 * @param {Variant[]} variants
 * @param {{ rounds: number, sliceMs: number, warmupMs: number }} counts
 * @returns {Promise<VariantResult[]>}
 */
export async function interleavedOps(variants, counts) {
  for (const v of variants) await v.run();
  for (const v of variants) await opsPerSecond(v.run, counts.warmupMs);
  /** @type {Map<string, number[]>} */
  const samples = new Map(variants.map((v) => [v.name, []]));
  for (let round = 0; round < counts.rounds; round++) {
    for (const v of roundOrder(variants, round)) {
      await settle();
      samples.get(v.name)?.push(await opsPerSecond(v.run, counts.sliceMs));
    }
  }
  return variants.map((v) => {
    const s = samples.get(v.name) ?? [];
    return { name: v.name, median: median(s), samples: s };
  });
}
