// src/generated/ is committed; check:generated must notice when it drifts from the spec.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { LeatErrorCode } from "../src/index.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const generatedDir = join(packageDir, "src/generated");
const script = join(packageDir, "scripts/generate.mjs");
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function check(dir: string) {
  return spawnSync(process.execPath, [script, "--check", "--dir", dir], { cwd: packageDir, encoding: "utf8" });
}

function copyOfGenerated(): string {
  const dir = mkdtempSync(join(tmpdir(), "leat-client-generated-"));
  temps.push(dir);
  cpSync(generatedDir, dir, { recursive: true });
  return dir;
}

describe("check:generated", () => {
  it("passes on the committed files", () => {
    const result = check(generatedDir);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it.each(["operations.ts", "resources.ts", "schemas.ts", "error-codes.ts"])("fails on a stale %s, naming it and the fix", (file) => {
    const dir = copyOfGenerated();
    const path = join(dir, file);
    writeFileSync(path, readFileSync(path, "utf8").replace("1003", "1004").replace("GET /tiers", "GET /tier") + "\n// edited by hand\n");
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Stale generated file: `);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain("pnpm --filter @leat-openapi/client run generate");
  });

  it("fails on a stale api.md, naming it", () => {
    const dir = mkdtempSync(join(tmpdir(), "leat-client-api-"));
    temps.push(dir);
    const api = join(dir, "api.md");
    writeFileSync(api, readFileSync(join(packageDir, "api.md"), "utf8").replace("GET /tiers", "GET /tier"));
    const result = spawnSync(process.execPath, [script, "--check", "--api", api], { cwd: packageDir, encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("api.md");
  });

  it("fails when a generated file is missing", () => {
    const dir = copyOfGenerated();
    rmSync(join(dir, "error-codes.ts"));
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error-codes.ts");
  });
});

describe("LeatErrorCode", () => {
  it("holds exactly the spec's ErrorCode enum under its x-enum-varnames", () => {
    const require = createRequire(import.meta.url);
    const spec = JSON.parse(readFileSync(require.resolve("@leat-openapi/spec/openapi.json"), "utf8"));
    const schema = spec.components.schemas.ErrorCode;
    const expected = Object.fromEntries(schema["x-enum-varnames"].map((name: string, i: number) => [name, schema.enum[i]]));
    expect(LeatErrorCode).toEqual(expected);
    expect(LeatErrorCode.ContactNotFound).toBe(55031);
  });
});
