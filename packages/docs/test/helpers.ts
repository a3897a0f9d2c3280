import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readSpec } from "@leat-openapi/spec-reader";

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = join(packageDir, "..", "..");
export const distDir = join(packageDir, "dist");
export const testOutputDir = join(packageDir, "test-output");
export const samplesDir = join(repoRoot, "spec", "code_samples");
export const bundledSpecFile = join(repoRoot, "spec", "dist", "openapi.json");

export interface OperationInfo {
  path: string;
  method: string;
  operationId: string;
  summary: string;
  tags: string[];
  clientMethod: string;
  codeSamples: { lang: string; label: string; source: string }[];
}

/** The operations of a bundled spec, read from the document itself. */
export function listOperations(specFile = bundledSpecFile): OperationInfo[] {
  return readSpec(specFile)
    .operations()
    .map((operation) => ({
      path: operation.path,
      method: operation.method,
      operationId: String(operation.operationId),
      summary: String(operation.summary),
      tags: operation.tags,
      clientMethod: String(operation.extensions["x-client-method"]),
      codeSamples: (operation.extensions["x-codeSamples"] as OperationInfo["codeSamples"] | undefined) ?? [],
    }));
}

/** Runs Redocly through the workspace wrapper; returns exit code and output. */
export function redocly(args: string[], cwd = packageDir) {
  const result = spawnSync(process.execPath, [join(repoRoot, "scripts", "redocly.mjs"), ...args], {
    cwd,
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
