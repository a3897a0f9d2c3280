#!/usr/bin/env node
// Writes the code samples of the bundled spec (x-codeSamples, generated or hand-written) to
// test-output/samples/<Language>/<path>/<verb>.<ext>, so tsc can type-check the TypeScript
// ones against the built client (tsconfig.samples.json) and tests can run them.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readSpec } from "@leat-openapi/spec-reader";

const here = dirname(fileURLToPath(import.meta.url));
export const samplesOutDir = join(here, "..", "test-output", "samples");
/** @type {Record<string, { folder: string, ext: string }>} */
const LANGUAGES = { TypeScript: { folder: "TypeScript", ext: "ts" }, curl: { folder: "cURL", ext: "sh" } };

/** @param {string} specFile bundled spec (JSON) @returns {string[]} the files written */
export function extractSamples(specFile, outDir = samplesOutDir) {
  rmSync(outDir, { recursive: true, force: true });
  const written = [];
  for (const operation of readSpec(specFile).operations()) {
    const samples = /** @type {{ lang: string, source: string }[]} */ (operation.extensions["x-codeSamples"] ?? []);
    for (const sample of samples) {
      const language = LANGUAGES[sample.lang];
      if (!language) continue;
      const file = join(outDir, language.folder, operation.path.slice(1).split("/").join("_"), `${operation.method}.${language.ext}`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, sample.source);
      written.push(file);
    }
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const specFile = createRequire(import.meta.url).resolve("@leat-openapi/spec/openapi.json");
  const files = extractSamples(specFile);
  console.error(`extract-samples: ${files.length} samples in ${samplesOutDir}`);
}
