// The samples are meant to be copied and run, so run them: each against a fresh mock server
// (a real HTTP server on 127.0.0.1, port 0), TypeScript through the built client.
import { execFile, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startMockServer } from "@leat-openapi/mock-server";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { type HttpMethod, readSpec } from "@leat-openapi/spec-reader";
import { bundledSpecFile, listOperations, testOutputDir } from "./helpers.js";

const hasCurl = spawnSync("curl", ["--version"]).status === 0;

/** The top-level keys the operation's success envelope documents (`data`, usually `meta`, for vouchers `links`). */
function envelopeKeys(method: string, path: string): string[] {
  const operation = readSpec(bundledSpecFile).findOperation(method as HttpMethod, path)!;
  const keys = new Set<string>();
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!status.startsWith("2")) continue;
    const schema = response.content["application/json"]?.schema as { properties?: Record<string, unknown> } | undefined;
    for (const key of Object.keys(schema?.properties ?? {})) keys.add(key);
  }
  return [...keys];
}

// Asynchronous on purpose: the mock server lives in this process and must keep answering.
function run(command: string, args: string[], env: Record<string, string>) {
  return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(command, args, { encoding: "utf8", env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? Number((error as { code?: unknown }).code ?? 1) || 1 : 0, stdout, stderr });
    });
  });
}

describe.each(listOperations().map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
  "samples for %s",
  (_name, op) => {
    it("the TypeScript sample runs against the mock server", async () => {
      const source = op.codeSamples.find((s) => s.lang === "TypeScript")?.source ?? "";
      expect(source).toContain("process.env.LEAT_BASE_URL");
      const dir = join(testOutputDir, "run-samples");
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${op.operationId}.mjs`);
      const mock = await startMockServer({ port: 0 });
      try {
        const js = ts.transpileModule(source, {
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
        }).outputText;
        writeFileSync(file, js);
        const result = await run(process.execPath, [file], { LEAT_BASE_URL: mock.url, LEAT_API_KEY: "docs-sample-token" });
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        expect(result.stdout.trim().length).toBeGreaterThan(0);
      } finally {
        await mock.close();
      }
    });

    it("the cURL sample runs against the mock server", async () => {
      expect(hasCurl, "curl is needed to run the cURL samples").toBe(true);
      const dir = join(testOutputDir, "run-samples");
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${op.operationId}.sh`);
      writeFileSync(file, op.codeSamples.find((s) => s.lang === "curl")?.source ?? "");
      const mock = await startMockServer({ port: 0 });
      try {
        const result = await run("sh", [file], { LEAT_BASE_URL: mock.url, LEAT_API_KEY: "docs-sample-token" });
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        const keys = Object.keys(JSON.parse(result.stdout));
        expect(keys).toContain("data");
        expect(envelopeKeys(op.method, op.path)).toEqual(expect.arrayContaining(keys));
      } finally {
        await mock.close();
      }
    });
  },
);
