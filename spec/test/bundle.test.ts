import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { HTTP_METHODS, loadBundle, specDir, type Json, type JsonObject } from "./helpers.js";

interface OperationSummary {
  method: string;
  path: string;
  operationId: string;
  summary: string;
  tags: string[];
}

function readYaml(file: string): JsonObject {
  return parse(readFileSync(file, "utf8")) as JsonObject;
}

function operationsOf(paths: Record<string, JsonObject>): OperationSummary[] {
  const list: OperationSummary[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method] as JsonObject | undefined;
      if (!op) continue;
      list.push({
        method,
        path,
        operationId: String(op.operationId),
        summary: String(op.summary),
        tags: (op.tags as string[]) ?? [],
      });
    }
  }
  return list.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** The source's operations, read by following each path's `$ref` to its own file. */
function sourceOperations(): OperationSummary[] {
  const root = readYaml(join(specDir, "openapi.yaml"));
  const items: Record<string, JsonObject> = {};
  for (const [path, ref] of Object.entries(root.paths as Record<string, JsonObject>)) {
    items[path] = readYaml(join(dirname(join(specDir, "openapi.yaml")), String(ref.$ref)));
  }
  return operationsOf(items);
}

function collectRefs(node: Json, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((child) => collectRefs(child, found));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") found.push(value);
      else collectRefs(value, found);
    }
  }
  return found;
}

describe("the bundled artifact", () => {
  const bundle = loadBundle();

  it("holds exactly the operations of the source files", () => {
    const bundled = operationsOf(bundle.paths as Record<string, JsonObject>);
    expect(bundled).toEqual(sourceOperations());
  });

  it("holds the four operations of the first scope", () => {
    expect(operationsOf(bundle.paths as Record<string, JsonObject>).map((op) => `${op.method.toUpperCase()} ${op.path} ${op.operationId}`)).toEqual([
      "GET /contacts/{contact_uuid}/tier getContactTier",
      "GET /tiers listTiers",
      "GET /units listUnits",
      "POST /units createUnit",
    ]);
  });

  it("uses internal references only", () => {
    const refs = collectRefs(bundle);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((ref) => !ref.startsWith("#/"))).toEqual([]);
  });

  it("is the same document in YAML and JSON", () => {
    const yamlBundle = parse(readFileSync(join(specDir, "dist", "openapi.yaml"), "utf8")) as JsonObject;
    expect(yamlBundle).toEqual(bundle);
  });

  it("names the production server first", () => {
    expect((bundle.servers as JsonObject[])[0]!.url).toBe("https://api.piggy.eu/api/v3/oauth/clients");
  });
});
