#!/usr/bin/env node
// `pnpm bench`: runs the seven benchmarks in table order, prints one Markdown table and writes the
// figures as JSON. A benchmark that cannot run becomes a row that says why; the others still run.
import { relative } from "node:path";
import { parseOptions } from "./options.mjs";
import { benchDir } from "./paths.mjs";
import { failedRow, machine, markdownTable, writeJson } from "./report.mjs";
import { buildRowRun } from "./rows/build-cache.mjs";
import { docsRow } from "./rows/docs-page.mjs";
import { httpRowRun } from "./rows/http.mjs";
import { mockRowRun } from "./rows/mock-throughput.mjs";
import { overheadRowRun } from "./rows/overhead.mjs";
import { scaleRowRun } from "./rows/scale.mjs";
import { sizeRow } from "./rows/size.mjs";

/** @type {Record<import("./options.mjs").RowId, { title: string, target: string, run: (o: import("./options.mjs").Options) => Promise<import("./report.mjs").RowResult> }>} */
const ROWS = {
  overhead: { title: "Client overhead, stubbed fetch (ops/s)", target: "≥ 0.8x", run: overheadRowRun },
  http: { title: "Client over HTTP to our mock (ops/s)", target: "≥ 0.95x", run: httpRowRun },
  size: { title: "Bundle size (ESM, minified + gzip)", target: "< 4.5 kB gz and < hey-api", run: sizeRow },
  mock: { title: "Mock throughput vs Prism", target: "≥ 10x Prism req/s, p99 < 5 ms", run: mockRowRun },
  build: { title: "Build: turbo cold vs cached", target: "cached < 5% of cold", run: buildRowRun },
  docs: { title: "Docs page vs classic Redoc (same spec)", target: "≤ 1.0x gzipped weight and ≤ 1.0x time to interactive", run: docsRow },
  scale: { title: "Pipeline scale", target: "every stage linear or better", run: scaleRowRun },
};

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${/** @type {Error} */ (err).message}\n`);
    process.exit(2);
  }
  const started = Date.now();
  const m = machine();
  process.stderr.write(`bench${options.quick ? " --quick (figures are not meaningful)" : ""}: ${m.cores} cores, ${m.cpuModel}, Node ${m.node}\n`);

  /** @type {import("./report.mjs").RowResult[]} */
  const rows = [];
  for (const id of options.only) {
    const row = ROWS[id];
    const t0 = Date.now();
    process.stderr.write(`  ${id} ...`);
    try {
      rows.push(await row.run(options));
    } catch (err) {
      rows.push(failedRow(id, row.title, row.target, err));
    }
    process.stderr.write(` ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }

  const table = markdownTable(rows);
  process.stdout.write(`${table}\n`);
  await writeJson(options.out, {
    quick: options.quick,
    command: ["node", ...process.execArgv, "src/main.mjs", ...process.argv.slice(2)].join(" "),
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    rows,
  });
  process.stderr.write(`figures written to ${relative(benchDir, options.out) || options.out} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

await main();
