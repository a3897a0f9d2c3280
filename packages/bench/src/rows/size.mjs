// Row 3: what each client costs a browser bundle. Every candidate goes through the same esbuild
// settings (ESM entry with all its exports and dependencies, minified) and the same gzip level.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { measureBundle } from "@leat-openapi/scripts/bundle-size";
import { launcher, run } from "../child.mjs";
import { benchDir, packageBin, specJsonPath, workspaceEntry } from "../paths.mjs";

const TARGET_BYTES = 4500;
const HEY_API = "hey-api fetch client";

/**
 * The same measurement `pnpm size:client` reports, so the two figures always agree.
 * @param {Parameters<typeof measureBundle>[0]} entry
 */
async function bundledSize(entry) {
  const { minified, gzip } = await measureBundle(entry);
  return { minBytes: minified, gzipBytes: gzip };
}

/** @param {string} name */
const reexport = (name) => ({
  stdin: { contents: `export * from "${name}";\nexport { default } from "${name}";\n`, resolveDir: benchDir, loader: /** @type {const} */ ("js") },
});

/**
 * Generates hey-api's fetch client from our bundled spec into a temp dir.
 * @param {string | undefined} binOverride
 * @param {string} dir
 */
async function generateHeyApi(binOverride, dir) {
  const out = join(dir, "client");
  const fail = (/** @type {string} */ why) => new Error(`@hey-api/openapi-ts could not generate the client: ${why}`);
  let command;
  let args;
  try {
    const bin = binOverride ?? packageBin("@hey-api/openapi-ts", "openapi-ts");
    ({ command, args } = launcher(bin, ["-i", specJsonPath(), "-o", out, "-c", "@hey-api/client-fetch"]));
  } catch (err) {
    throw fail(/** @type {Error} */ (err).message);
  }
  // cwd is the temp dir so no stray openapi-ts config file gets picked up.
  const result = await run(command, args, { cwd: dir });
  if (result.spawnError || result.code !== 0) {
    const output = (result.stderr || result.stdout).trim().split("\n");
    const detail = output.find((line) => /error/i.test(line)) ?? (output.slice(-2).join(" | ") || "(no output)");
    throw fail(result.spawnError ?? `exited with code ${result.code}: ${detail.trim().slice(0, 300)}`);
  }
  return join(out, "index.ts");
}

/** @param {number} bytes */
export const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

/**
 * @param {import("../options.mjs").Options} options
 * @returns {Promise<import("../report.mjs").RowResult>}
 */
export async function sizeRow(options) {
  /** @type {Record<string, { minBytes: number, gzipBytes: number }>} */
  const figures = {};
  /** @type {string[]} */
  const problems = [];

  const ours = workspaceEntry("@leat-openapi/client");
  if (ours.ok) figures["@leat-openapi/client"] = await bundledSize(ours.entry);
  else problems.push(`our client not measured: ${ours.reason}`);

  figures["openapi-fetch"] = await bundledSize(reexport("openapi-fetch"));
  figures["axios"] = await bundledSize(reexport("axios"));

  const tmp = await mkdtemp(join(tmpdir(), "leat-bench-heyapi-"));
  try {
    const entry = await generateHeyApi(options.heyApiBin, tmp);
    figures[HEY_API] = await bundledSize(entry);
  } catch (err) {
    problems.push(/** @type {Error} */ (err).message);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }

  const oursGz = figures["@leat-openapi/client"]?.gzipBytes;
  const heyGz = figures[HEY_API]?.gzipBytes;
  const ratio = oursGz !== undefined && heyGz !== undefined ? oursGz / heyGz : null;
  /** @type {boolean | null} */
  let met = null;
  if (oursGz !== undefined && oursGz >= TARGET_BYTES) met = false;
  else if (oursGz !== undefined && heyGz !== undefined) met = oursGz < heyGz;

  return {
    id: "size",
    title: "Bundle size (ESM, minified + gzip)",
    baseline: HEY_API,
    ratio,
    ratioText: ratio === null ? "n/a" : `${ratio.toFixed(2)}x of hey-api`,
    figures: Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, { gzipBytes: v.gzipBytes, minBytes: v.minBytes }])),
    figuresText: Object.entries(figures)
      .map(([k, v]) => `${k} ${kB(v.gzipBytes)}`)
      .join(" · "),
    runs: "1 build (deterministic)",
    target: "< 4.5 kB gz and < hey-api",
    met,
    problems,
  };
}
