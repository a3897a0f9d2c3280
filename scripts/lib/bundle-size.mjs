// What a browser app pays for the client: bundled with its dependencies, minified, gzipped.
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/**
 * The most the client's main entry may weigh, gzipped, now that it covers the whole Leat API
 * (169 operations; the webhook receiver is its own entry). A browser app pays this on every
 * page that talks to Leat, and methods are generated per operation, so a ceiling keeps the
 * generator from emitting per-operation code that scales badly. `pnpm size:client` (run by
 * `pnpm lint`) fails above it.
 *
 * The target is 10 kB and is NOT met: the whole API measured 11,067 bytes (2026-12-01), of
 * which openapi-fetch (for `leat.api`) is about 2.6 kB, the operations table 1.4 kB and the
 * error-code constants 0.85 kB. Until one of those moves out of the main entry, this ceiling
 * is the measured size plus a little room, so that growth is caught, not hidden.
 */
export const CLIENT_GZIP_BUDGET_BYTES = 11_500;

/**
 * `10kB`, `10 kB`, `9500`, `9500B` -> bytes (kB is 1000 bytes, as the size reports use).
 * @param {string} text
 * @returns {number}
 */
export function parseBudget(text) {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb)?\s*$/i.exec(text);
  if (!match) throw new Error(`The budget "${text}" is not a size: give bytes (9500) or kilobytes (10kB).`);
  const bytes = Number(match[1]) * (match[2]?.toLowerCase() === "kb" ? 1000 : 1);
  if (!Number.isFinite(bytes) || bytes <= 0) throw new Error(`The budget "${text}" must be more than 0 bytes.`);
  return Math.round(bytes);
}

/**
 * @param {string | { stdin: import("esbuild").StdinOptions }} entry an ES module file, or module
 *   source given inline (e.g. a re-export of an npm package, to measure the package itself)
 * @returns {Promise<{ code: string, minified: number, gzip: number, inputs: { path: string, bytes: number }[] }>}
 */
export async function measureBundle(entry) {
  if (typeof entry === "string" && !existsSync(entry)) {
    throw new Error(`${entry} does not exist; build the client first (pnpm build).`);
  }
  const label = typeof entry === "string" ? entry : "inline module";
  let result;
  try {
    result = await build({
      ...(typeof entry === "string" ? { entryPoints: [entry] } : entry),
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
  } catch (error) {
    const messages = /** @type {{ errors?: { text: string }[] }} */ (error).errors?.map((e) => e.text).join("; ");
    throw new Error(`esbuild could not bundle ${label}: ${messages || error}`);
  }
  const output = result.outputFiles[0];
  const code = output.text;
  const [meta] = Object.values(result.metafile.outputs);
  const inputs = Object.entries(meta.inputs)
    .map(([path, info]) => ({ path, bytes: info.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  return { code, minified: output.contents.byteLength, gzip: gzipSync(output.contents, { level: 9 }).byteLength, inputs };
}

/**
 * @param {string} label
 * @param {{ minified: number, gzip: number, inputs: { path: string, bytes: number }[] }} size
 * @param {number} [budget] gzipped bytes allowed
 */
export function sizeMarkdown(label, size, budget) {
  const fmt = (/** @type {number} */ n) => n.toLocaleString("en-US");
  const rows = size.inputs.slice(0, 8).map((i) => `| \`${i.path.replace(/^.*node_modules\//, "")}\` | ${fmt(i.bytes)} |`);
  return [
    `## Bundle size: ${label}`,
    "",
    `**${fmt(size.minified)} bytes** minified, **${fmt(size.gzip)} bytes** gzipped (esbuild, bundled with its dependencies, ESM).`,
    ...(budget === undefined
      ? []
      : ["", size.gzip > budget ? `**Over budget**: ${fmt(budget)} bytes gzipped allowed.` : `Within budget: ${fmt(budget)} bytes gzipped allowed.`]),
    "",
    "| Largest inputs | Bytes (minified) |",
    "| --- | ---: |",
    ...rows,
    "",
  ].join("\n");
}
