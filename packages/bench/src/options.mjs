// Command-line options of the bench. Counts live here so quick and full runs differ in one place.
import { resolve } from "node:path";
import { benchDir } from "./paths.mjs";

export const ROW_IDS = /** @type {const} */ (["overhead", "http", "size", "mock", "build", "docs", "scale"]);

/** @typedef {typeof ROW_IDS[number]} RowId */

/**
 * @typedef {object} Options
 * @property {boolean} quick
 * @property {string} out            where the JSON figures go
 * @property {RowId[]} only          rows to run, in table order
 * @property {string | undefined} prismBin   override for the Prism executable (a .js file runs under node)
 * @property {string | undefined} heyApiBin  override for the openapi-ts executable
 * @property {number} rounds         interleaved rounds for the ops/s rows
 * @property {number} sliceMs        time each variant gets per round in the ops/s rows
 * @property {number} warmupMs       untimed run per variant before the first round
 * @property {number} mockRounds     autocannon rounds per server and endpoint
 * @property {number} mockSeconds    autocannon duration of each round
 * @property {number} buildRounds    cold/cached pairs of the build row
 * @property {string[]} turboArgs    the turbo command the build row times
 * @property {number} docsRounds     page loads per docs page (ours and classic Redoc, alternating)
 * @property {boolean} docsThrottle  emulate a mid-range phone on a slow 4G link for the docs row
 * @property {[number, number]} scaleSizes  operations in the scale row's small and large synthetic specs
 * @property {number} scaleRounds    rounds per size of the scale row
 */

const FULL = {
  rounds: 7,
  sliceMs: 1000,
  warmupMs: 500,
  mockRounds: 3,
  mockSeconds: 5,
  buildRounds: 3,
  turboArgs: ["run", "build"],
  docsRounds: 3,
  docsThrottle: true,
  // 4 is the real spec's size today; 170 is about the whole Leat API
  scaleSizes: /** @type {[number, number]} */ ([4, 170]),
  scaleRounds: 3,
};

// Quick mode exists so tests and CI keep every code path alive; its figures mean nothing.
// Its build row times a task that writes no files, because a quick run usually happens while
// other packages' tests read the dist folders a forced `turbo run build` would rewrite.
const QUICK = {
  rounds: 2,
  sliceMs: 40,
  warmupMs: 20,
  mockRounds: 1,
  mockSeconds: 1,
  buildRounds: 1,
  turboArgs: ["run", "typecheck", "--filter=@leat-openapi/bench", "--only"],
  docsRounds: 1,
  docsThrottle: false,
  scaleSizes: /** @type {[number, number]} */ ([4, 12]),
  scaleRounds: 1,
};

/**
 * @param {string[]} argv
 * @returns {Options}
 */
export function parseOptions(argv) {
  /** @type {Map<string, string | true>} */
  const flags = new Map();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`bench: unexpected argument "${arg}" (options look like --name or --name=value)`);
    flags.set(match[1], match[2] ?? true);
  }
  const known = new Set(["quick", "out", "only", "prism-bin", "hey-api-bin", "help"]);
  for (const name of flags.keys()) {
    if (!known.has(name)) throw new Error(`bench: unknown option --${name} (known: ${[...known].map((k) => "--" + k).join(", ")})`);
  }
  if (flags.has("help")) {
    process.stdout.write(
      "usage: node src/main.mjs [--quick] [--out=results/latest.json] [--only=overhead,http,size,mock,build,docs,scale]\n" +
        "                         [--prism-bin=PATH] [--hey-api-bin=PATH]\n",
    );
    process.exit(0);
  }

  const quick = flags.get("quick") === true;
  const counts = quick ? QUICK : FULL;
  const onlyFlag = flags.get("only");
  /** @type {RowId[]} */
  let only = [...ROW_IDS];
  if (typeof onlyFlag === "string") {
    const wanted = onlyFlag.split(",").map((s) => s.trim()).filter(Boolean);
    for (const id of wanted) {
      if (!(/** @type {readonly string[]} */ (ROW_IDS).includes(id))) {
        throw new Error(`bench: --only names unknown row "${id}" (rows: ${ROW_IDS.join(", ")})`);
      }
    }
    only = ROW_IDS.filter((id) => wanted.includes(id));
  }
  const stringFlag = (/** @type {string} */ name) => {
    const value = flags.get(name);
    if (value === true) throw new Error(`bench: --${name} needs a value (--${name}=...)`);
    return value;
  };
  const out = stringFlag("out") ?? (quick ? "results/quick.json" : "results/latest.json");
  return {
    quick,
    out: resolve(benchDir, out),
    only,
    prismBin: stringFlag("prism-bin"),
    heyApiBin: stringFlag("hey-api-bin"),
    ...counts,
  };
}
