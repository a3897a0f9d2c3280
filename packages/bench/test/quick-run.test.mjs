// Runs the bench in --quick mode the way `pnpm bench` would, so the harness cannot rot. The
// figures are never judged here (the machine is shared and noisy); only their presence is.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const benchDir = resolve(import.meta.dirname, "..");

/**
 * @param {string[]} args
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
function bench(args) {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["--expose-gc", "src/main.mjs", ...args], { cwd: benchDir, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

/**
 * Every number at the leaves of a figures object.
 * @param {unknown} value
 * @returns {number[]}
 */
function numbersIn(value) {
  if (typeof value === "number") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(numbersIn);
  return [];
}

/** @param {string} stdout */
const tableLines = (stdout) => stdout.split("\n").filter((l) => /^\| \d \|/.test(l));

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "leat-bench-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("pnpm bench --quick", () => {
  it("prints one table with all seven rows and writes numeric figures for each", async () => {
    const out = join(dir, "quick.json");
    const { code, stdout, stderr } = await bench(["--quick", `--out=${out}`]);
    expect(code, stderr).toBe(0);

    const lines = tableLines(stdout);
    expect(lines.map((l) => l.split("|")[1].trim())).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(stdout.match(/^\| # \| Benchmark/gm)).toHaveLength(1);

    const json = JSON.parse(await readFile(out, "utf8"));
    expect(json.quick).toBe(true);
    expect(json.machine.cores).toBeGreaterThan(0);
    expect(json.rows.map((/** @type {any} */ r) => r.id)).toEqual(["overhead", "http", "size", "mock", "build", "docs", "scale"]);
    for (const row of json.rows) {
      // A row that could not be measured would carry problems and no figures: both are checked
      // so the failure message names the row and the reason.
      expect({ id: row.id, problems: row.problems }).toEqual({ id: row.id, problems: [] });
      const numbers = numbersIn(row.figures);
      expect(numbers.length, row.id).toBeGreaterThan(0);
      expect(numbers.every(Number.isFinite), row.id).toBe(true);
      expect(typeof row.ratio, row.id).toBe("number");
      expect(Number.isFinite(row.ratio), row.id).toBe(true);
    }
  });

  it("reports a peer that cannot start as a row that says so, and still measures the rest", async () => {
    const out = join(dir, "missing-peers.json");
    const { code, stdout, stderr } = await bench([
      "--quick",
      "--only=size,mock",
      "--prism-bin=/nonexistent/prism",
      "--hey-api-bin=/nonexistent/openapi-ts",
      `--out=${out}`,
    ]);
    expect(code, stderr).toBe(0);

    const [sizeLine, mockLine] = tableLines(stdout);
    expect(mockLine).toContain("Prism could not start: no executable at /nonexistent/prism");
    expect(mockLine).toContain("not judged");
    expect(sizeLine).toContain("@hey-api/openapi-ts could not generate the client: no executable at /nonexistent/openapi-ts");

    const json = JSON.parse(await readFile(out, "utf8"));
    const [size, mock] = json.rows;
    expect(mock.ratio).toBeNull();
    expect(mock.figures["ours GET /tiers"].rpsMedian).toBeGreaterThan(0);
    expect(mock.figures["ours POST /units"].rpsMedian).toBeGreaterThan(0);
    expect(mock.figures["prism GET /tiers"]).toBeUndefined();
    expect(size.figures["openapi-fetch"].gzipBytes).toBeGreaterThan(0);
    expect(size.figures["hey-api fetch client"]).toBeUndefined();
  });

  it("refuses an unknown option with a message naming it", async () => {
    const { code, stderr } = await bench(["--quik"]);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option --quik");
  });
});
