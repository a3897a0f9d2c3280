import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = join(packageDir, "..", "..");
export const distDir = join(packageDir, "dist");
export const testOutputDir = join(packageDir, "test-output");
export const samplesDir = join(repoRoot, "spec", "code_samples");
export const bundledSpecFile = join(repoRoot, "spec", "dist", "openapi.json");

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

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
  const spec = JSON.parse(readFileSync(specFile, "utf8")) as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  const operations: OperationInfo[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operations.push({
        path,
        method,
        operationId: String(operation.operationId),
        summary: String(operation.summary),
        tags: (operation.tags as string[] | undefined) ?? [],
        clientMethod: String(operation["x-client-method"]),
        codeSamples: (operation["x-codeSamples"] as OperationInfo["codeSamples"] | undefined) ?? [],
      });
    }
  }
  return operations;
}

/** Runs Redocly through the workspace wrapper; returns exit code and output. */
export function redocly(args: string[], cwd = packageDir) {
  const result = spawnSync(process.execPath, [join(repoRoot, "scripts", "redocly.mjs"), ...args], {
    cwd,
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
