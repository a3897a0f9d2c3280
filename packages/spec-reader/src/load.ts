import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "yaml";
import { SpecReaderError } from "./errors.js";
import type { Json } from "./json.js";

const cache = new Map<string, { stamp: string; value: Json }>();

/**
 * Parses a .json, .yaml or .yml file. Parsed files are kept, keyed by path and modification
 * time, so a spec read by several tests in one process is parsed once and an edited file is
 * read again.
 */
export function loadFile(file: string): Json {
  const path = resolve(file);
  let stamp: string;
  try {
    const stat = statSync(path);
    stamp = `${stat.mtimeMs}:${stat.size}`;
  } catch (cause) {
    throw new SpecReaderError(`Cannot read ${path}: the file does not exist or is not readable.`, { cause });
  }
  const hit = cache.get(path);
  if (hit?.stamp === stamp) return hit.value;
  const text = readFileSync(path, "utf8");
  let value: Json;
  try {
    value = (/\.ya?ml$/i.test(path) ? parse(text) : JSON.parse(text)) as Json;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SpecReaderError(`Cannot parse ${path}: ${reason}`, { cause });
  }
  cache.set(path, { stamp, value });
  return value;
}
