import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./helpers.js";

const script = join(repoRoot, "scripts", "ensure-chromium.mjs");
const run = (chromiumPath: string) =>
  spawnSync(process.execPath, [script], { encoding: "utf8", env: { ...process.env, CHROMIUM_PATH: chromiumPath } });

describe("scripts/ensure-chromium.mjs", () => {
  it("exits 0 when the browser named by CHROMIUM_PATH exists", () => {
    // Any existing file stands in for the browser: the script only checks that it is there.
    const result = run(process.execPath);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Chromium found at ${process.execPath}`);
  });

  it("exits 1 with install instructions when CHROMIUM_PATH names nothing (never installing then)", () => {
    const result = run("/nonexistent/chromium");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("No Chromium at /nonexistent/chromium");
    expect(result.stderr).toContain("apt-get install -y chromium");
  });
});
