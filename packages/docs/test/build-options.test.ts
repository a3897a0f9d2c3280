// scripts/build.mjs builds another bundle into another folder when asked (packages/scale
// does, at 170 operations); bad arguments are named.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const script = join(import.meta.dirname, "..", "scripts", "build.mjs");
const build = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: "utf8" });

describe("scripts/build.mjs options", () => {
  it("names an unknown or incomplete argument", () => {
    const unknown = build("--bogus");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("unknown or incomplete argument --bogus");
    expect(build("--spec").stderr).toContain("unknown or incomplete argument --spec");
  });

  it("names a bundle that does not exist", () => {
    const missing = build("--spec", "/nonexistent/openapi.json", "--out", "/nonexistent/out");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("The bundled spec /nonexistent/openapi.json does not exist.");
  });
});
