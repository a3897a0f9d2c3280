// The one Markdown table and the JSON file. A row that could not be measured still gets a line,
// with the reason, so a missing figure is never silent.
import { mkdir, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { readFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * @typedef {object} RowResult
 * @property {import("./options.mjs").RowId} id
 * @property {string} title
 * @property {string} baseline           what the ratio divides by
 * @property {number | null} ratio       null when either side could not be measured
 * @property {string} ratioText
 * @property {Record<string, unknown>} figures  absolute figures, numbers only at the leaves
 * @property {string} figuresText
 * @property {string} runs
 * @property {string} target
 * @property {boolean | null} met        null: not judged (something could not be measured)
 * @property {string[]} problems         why a part of the row could not be measured
 */

const ROW_NUMBER = { overhead: 1, http: 2, size: 3, mock: 4, build: 5, docs: 6, scale: 7 };

/** @param {string} text */
const cell = (text) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** @param {boolean | null} met */
const verdict = (met) => (met === null ? "not judged" : met ? "met" : "not met");

/** @param {RowResult[]} rows */
export function markdownTable(rows) {
  const lines = [
    "| # | Benchmark | Ratio (vs baseline) | Absolute figures | Runs | Target | Verdict |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const row of rows) {
    const figures = [row.figuresText, ...row.problems.map((p) => `**not measured:** ${p}`)].filter(Boolean).join("<br>");
    lines.push(
      `| ${ROW_NUMBER[row.id]} | ${cell(row.title)} | ${cell(row.ratioText)} | ${cell(figures)} | ${cell(row.runs)} | ${cell(row.target)} | ${verdict(row.met)} |`,
    );
  }
  return lines.join("\n");
}

export function machine() {
  let cpuModel = cpus()[0]?.model ?? "unknown";
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (match) cpuModel = match[1].trim();
  } catch {
    // not Linux; os.cpus() is good enough
  }
  return { cores: cpus().length, cpuModel, node: process.version, platform: `${process.platform}-${process.arch}` };
}

/**
 * @param {string} path
 * @param {{ quick: boolean, command: string, startedAt: string, durationMs: number, rows: RowResult[] }} run
 */
export async function writeJson(path, run) {
  await mkdir(dirname(path), { recursive: true });
  const body = { ...run, machine: machine() };
  await writeFile(path, JSON.stringify(body, null, 2) + "\n");
}

/**
 * A row for a benchmark that failed outright.
 * @param {import("./options.mjs").RowId} id
 * @param {string} title
 * @param {string} target
 * @param {unknown} err
 * @returns {RowResult}
 */
export function failedRow(id, title, target, err) {
  const message = err instanceof Error ? err.message : String(err);
  return { id, title, baseline: "", ratio: null, ratioText: "n/a", figures: {}, figuresText: "", runs: "0", target, met: null, problems: [message] };
}
