import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CLIENT_GZIP_BUDGET_BYTES, measureBundle, parseBudget, sizeMarkdown } from "../lib/bundle-size.mjs";

const fixtures = join(import.meta.dirname, "fixtures", "bundle");
const entry = join(fixtures, "entry.js");

describe("measureBundle", () => {
  it("bundles the entry with what it imports, tree-shaken and minified", async () => {
    const size = await measureBundle(entry);
    expect(size.code).toContain("USED_MARKER");
    expect(size.code).not.toContain("UNUSED_MARKER");
    expect(size.code).not.toContain("anotherRatherLongLocalVariable");
    expect(size.minified).toBe(Buffer.byteLength(size.code));
    expect(size.gzip).toBe(gzipSync(size.code, { level: 9 }).byteLength);
    const source = readFileSync(join(fixtures, "dependency.js")).byteLength;
    expect(size.minified).toBeLessThan(source);
    expect(size.inputs.map((i) => i.path)).toContain("test/fixtures/bundle/dependency.js");
  });

  it("names a missing entry and says to build first", async () => {
    await expect(measureBundle(join(fixtures, "missing.js"))).rejects.toThrow(/missing\.js does not exist; build the client first/);
  });

  it("renders a job-summary section", () => {
    const md = sizeMarkdown("packages/client/dist/index.js", { minified: 12345, gzip: 4321, inputs: [{ path: "node_modules/openapi-fetch/dist/index.js", bytes: 9000 }] });
    expect(md).toContain("**12,345 bytes** minified, **4,321 bytes** gzipped");
    expect(md).toContain("| `openapi-fetch/dist/index.js` | 9,000 |");
  });
});

describe("the budget", () => {
  it("is 11.5 kB gzipped for the whole API (the 10 kB target is not met yet)", () => {
    expect(CLIENT_GZIP_BUDGET_BYTES).toBe(11_500);
  });

  it("reads bytes and kilobytes, and names a size it cannot read", () => {
    expect(parseBudget("10kB")).toBe(10_000);
    expect(parseBudget("4.5 kb")).toBe(4_500);
    expect(parseBudget("9500")).toBe(9_500);
    expect(parseBudget("9500B")).toBe(9_500);
    expect(() => parseBudget("ten")).toThrow('The budget "ten" is not a size');
    expect(() => parseBudget("0")).toThrow("must be more than 0 bytes");
  });

  it("is stated in the job summary, over or within", () => {
    const size = { minified: 100, gzip: 60, inputs: [] };
    expect(sizeMarkdown("x", size, 50)).toContain("**Over budget**: 50 bytes gzipped allowed.");
    expect(sizeMarkdown("x", size, 60)).toContain("Within budget: 60 bytes gzipped allowed.");
  });
});

const sizeClient = (...args: string[]) =>
  spawnSync(process.execPath, [join(import.meta.dirname, "..", "size-client.mjs"), ...args], { encoding: "utf8", env: { ...process.env, GITHUB_STEP_SUMMARY: "" } });

describe("size-client.mjs budget", () => {
  it("fails over budget, naming the size, the budget and the largest inputs", async () => {
    const { gzip } = await measureBundle(entry);
    const over = sizeClient(entry, "--budget", String(gzip - 1));
    expect(over.status).toBe(1);
    expect(over.stderr).toContain(`is ${gzip.toLocaleString("en-US")} bytes gzipped, over its budget of ${(gzip - 1).toLocaleString("en-US")} bytes by 1.`);
    expect(over.stderr).toContain("test/fixtures/bundle/dependency.js");
  });

  it("passes at exactly the budget, and by default under CLIENT_GZIP_BUDGET_BYTES", async () => {
    const { gzip } = await measureBundle(entry);
    const at = sizeClient(entry, `--budget=${gzip}`);
    expect(at.status).toBe(0);
    expect(at.stdout).toContain(`(budget ${gzip.toLocaleString("en-US")} bytes gzip, 100% used)`);
    const byDefault = sizeClient(entry);
    expect(byDefault.status).toBe(0);
    expect(byDefault.stdout).toContain(`budget ${CLIENT_GZIP_BUDGET_BYTES.toLocaleString("en-US")} bytes gzip`);
  });

  it("refuses a budget it cannot read and an unknown option", () => {
    expect(sizeClient(entry, "--budget", "lots").stderr).toContain('The budget "lots" is not a size');
    expect(sizeClient(entry, "--budget").stderr).toContain("--budget needs a size");
    const unknown = sizeClient(entry, "--max", "3");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Unknown option "--max"');
  });
});

describe("size-client.mjs", () => {
  it("prints the sizes and appends them to the job summary", () => {
    const dir = mkdtempSync(join(tmpdir(), "size-"));
    try {
      const summary = join(dir, "summary.md");
      const r = spawnSync(process.execPath, [join(import.meta.dirname, "..", "size-client.mjs"), entry], {
        encoding: "utf8",
        env: { ...process.env, GITHUB_STEP_SUMMARY: summary },
      });
      expect(r.status).toBe(0);
      const [, minified, gzip] = /(\d+) bytes minified, (\d+) bytes gzip/.exec(r.stdout) ?? [];
      expect(Number(minified)).toBeGreaterThan(0);
      expect(Number(gzip)).toBeGreaterThan(0);
      expect(readFileSync(summary, "utf8")).toContain(`**${Number(minified).toLocaleString("en-US")} bytes** minified`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails with a clear message when the entry is missing", () => {
    const r = spawnSync(process.execPath, [join(import.meta.dirname, "..", "size-client.mjs"), join(fixtures, "nope.js")], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("nope.js does not exist; build the client first (pnpm build).");
  });
});
