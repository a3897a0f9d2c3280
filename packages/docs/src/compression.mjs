// Content negotiation for the static server: brotli or gzip for text types, chosen from
// Accept-Encoding (q-values honoured, identity when nothing fits). The build writes .br and
// .gz copies beside each text file so nothing is compressed per request; other files are
// compressed once and kept in memory.
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".yaml", ".svg", ".txt"]);

/** @type {Record<"br" | "gzip", string>} */
export const SUFFIX = { br: ".br", gzip: ".gz" };

/**
 * The encoding to answer with, or undefined for identity.
 * @param {string | undefined} header the request's Accept-Encoding
 * @returns {"br" | "gzip" | undefined}
 */
export function pickEncoding(header) {
  if (!header) return undefined;
  /** @type {Map<string, number>} */
  const weights = new Map();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (/** @type {string} */ name) => weights.get(name) ?? weights.get("*") ?? 0;
  const best = /** @type {const} */ (["br", "gzip"]).filter((name) => weightOf(name) > 0);
  best.sort((a, b) => weightOf(b) - weightOf(a));
  return best[0];
}

/** @param {Buffer} data @param {"br" | "gzip"} encoding */
export function compress(data, encoding) {
  return encoding === "br"
    ? brotliCompressSync(data, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
      })
    : gzipSync(data, { level: 9 });
}
