import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintArgs } from "../lib/lint-args.mjs";

const root = join(import.meta.dirname, "..", "..");
const command = join(import.meta.dirname, "..", "lint-spec.mjs");

describe("lintArgs", () => {
  it("lints the leat@v1 API by default and adds annotations only under GitHub Actions", () => {
    expect(lintArgs({ argv: [], env: {}, cwd: root, root })).toEqual(["lint", "leat@v1", "--config", "redocly.yaml"]);
    expect(lintArgs({ argv: [], env: { GITHUB_ACTIONS: "true" }, cwd: root, root })).toEqual([
      "lint", "leat@v1", "--config", "redocly.yaml", "--format=github-actions",
    ]);
    expect(lintArgs({ argv: ["--format=json"], env: { GITHUB_ACTIONS: "true" }, cwd: root, root })).toEqual([
      "lint", "leat@v1", "--config", "redocly.yaml", "--format=json",
    ]);
  });

  it("rewrites a file argument relative to the repository root", () => {
    expect(lintArgs({ argv: ["openapi.yaml"], env: {}, cwd: join(root, "spec"), root })[1]).toBe(join("spec", "openapi.yaml"));
  });
});

describe("lint-spec.mjs", () => {
  const fixture = join("scripts", "test", "fixtures", "lint", "no-operation-id.yaml");
  const run = (env: Record<string, string | undefined>) => {
    const clean = { ...process.env, ...env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete clean[k];
    // started from spec/, as `pnpm --filter @leat-openapi/spec lint` does
    return spawnSync(process.execPath, [command, join("..", fixture)], { cwd: join(root, "spec"), encoding: "utf8", env: clean });
  };

  it("prints annotations that point at the file from the repository root", () => {
    const r = run({ GITHUB_ACTIONS: "true" });
    expect(r.stdout).toMatch(new RegExp(`^::error title=operation-operationId,file=${fixture.replace(/\//g, "\\/")},line=7,`, "m"));
    expect(r.status).toBe(1);
  });

  it("prints Redocly's readable format elsewhere", () => {
    const r = run({ GITHUB_ACTIONS: undefined });
    expect(r.stdout + r.stderr).not.toContain("::error");
    expect(r.stdout + r.stderr).toContain("operation-operationId");
    expect(r.status).toBe(1);
  });
});
