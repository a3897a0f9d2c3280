// A seeded pseudo-random source (mulberry32), so a synthetic spec is the same for the same seed.

/** @param {number} seed */
export function seeded(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** @param {number} n an integer in [0, n) */
    int: (n) => Math.floor(next() * n),
    /** @template T @param {readonly T[]} list @returns {T} */
    pick: (list) => list[Math.floor(next() * list.length)],
    /** @template T @param {readonly T[]} list @param {number} n @returns {T[]} n distinct items, in list order */
    some(list, n) {
      const chosen = new Set();
      while (chosen.size < Math.min(n, list.length)) chosen.add(Math.floor(next() * list.length));
      return [...chosen].sort((a, b) => a - b).map((i) => list[i]);
    },
  };
}
