// What a browser app pays for the client: bundled with its dependencies, minified, gzipped.
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

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
 */
export function sizeMarkdown(label, size) {
  const fmt = (/** @type {number} */ n) => n.toLocaleString("en-US");
  const rows = size.inputs.slice(0, 8).map((i) => `| \`${i.path.replace(/^.*node_modules\//, "")}\` | ${fmt(i.bytes)} |`);
  return [
    `## Bundle size: ${label}`,
    "",
    `**${fmt(size.minified)} bytes** minified, **${fmt(size.gzip)} bytes** gzipped (esbuild, bundled with its dependencies, ESM).`,
    "",
    "| Largest inputs | Bytes (minified) |",
    "| --- | ---: |",
    ...rows,
    "",
  ].join("\n");
}
