import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { measureBundle, sizeMarkdown } from "../lib/bundle-size.mjs";

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
