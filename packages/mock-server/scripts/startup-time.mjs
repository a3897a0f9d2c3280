#!/usr/bin/env node
// Start-up time of the built mock (dist/index.js), for the bundled spec or any bundle given:
//   node scripts/startup-time.mjs [bundle.json ...] [--runs=N]     (LEAT_MOCK_ENTRY=<dist/index.js> for another build)
// Each run is a fresh Node process: read the bundle, startMockServer until it listens, then the
// first answer to GET /tiers (which compiles that operation's validators). Prints the medians.
// A figure to report, not a test: this machine's load moves it.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const self = fileURLToPath(import.meta.url);

if (process.argv[2] === "--child") {
  const file = process.argv[3];
  const t0 = performance.now();
  // LEAT_MOCK_ENTRY: another build of the mock, to compare.
  const entry = process.env.LEAT_MOCK_ENTRY ?? fileURLToPath(new URL("../dist/index.js", import.meta.url));
  const { startMockServer } = await import(pathToFileURL(entry).href);
  const document = JSON.parse(readFileSync(file, "utf8"));
  const t1 = performance.now();
  const mock = await startMockServer({ port: 0, document });
  const t2 = performance.now();
  const response = await fetch(`${mock.url}/tiers`, { headers: { authorization: "Bearer startup" } });
  await response.text();
  const t3 = performance.now();
  await mock.close();
  const operations = Object.values(document.paths).reduce((n, item) => n + ["get", "put", "post", "delete", "patch"].filter((m) => item[m]).length, 0);
  process.stdout.write(JSON.stringify({ operations, load: t1 - t0, listen: t2 - t1, firstAnswer: t3 - t2, status: response.status }));
  process.exit(0);
}

const args = process.argv.slice(2);
const runs = Number(args.find((a) => a.startsWith("--runs="))?.slice(7) ?? 5);
const bundles = args.filter((a) => !a.startsWith("--"));
if (bundles.length === 0) bundles.push(createRequire(import.meta.url).resolve("@leat-openapi/spec/openapi.json"));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`| bundle | operations | import + read bundle (ms) | startMockServer to listening (ms) | first GET /tiers (ms) | runs |`);
console.log(`|---|---|---|---|---|---|`);
for (const bundle of bundles) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, [self, "--child", bundle], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`run failed for ${bundle}: ${child.stderr}`);
    samples.push(JSON.parse(child.stdout));
  }
  const pick = (key) => median(samples.map((s) => s[key])).toFixed(0);
  console.log(`| ${bundle} | ${samples[0].operations} | ${pick("load")} | ${pick("listen")} | ${pick("firstAnswer")} | ${runs} |`);
}
