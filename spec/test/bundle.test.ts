import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { readSpec, type Operation, type Webhook } from "@leat-openapi/spec-reader";
import { bundleReader, sourceFile, specDir, type Json, type JsonObject } from "./helpers.js";

// What an operation's own file says about it. The bundle may add to an operation (code samples,
// shared responses and parameters from decorators) but must not lose or change any of this.
function described(op: Operation | Webhook) {
  return {
    where: op.kind === "path" ? `${op.method} ${op.path}` : `${op.method} webhook ${op.event}`,
    operationId: op.operationId,
    summary: op.summary,
    description: op.description,
    tags: op.tags,
    clientMethod: op.clientMethod,
    errorCodes: op.errorCodes,
    pagination: op.pagination,
    requestMediaTypes: Object.keys(op.requestBody?.content ?? {}),
    successStatuses: Object.keys(op.responses).filter((status) => status.startsWith("2")),
  };
}

const byWhere = (a: { where: string }, b: { where: string }) => a.where.localeCompare(b.where);

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
  const bundle = bundleReader();
  // The source is read from spec/openapi.yaml, following each paths (and webhooks) entry to its file.
  const source = readSpec(sourceFile);
  const root = source.document;

  it("holds exactly the operations of the source files, each as its file describes it", () => {
    const fromSource = source.operations().map(described).sort(byWhere);
    expect(fromSource.length).toBeGreaterThan(0);
    expect(bundle.operations().map(described).sort(byWhere)).toEqual(fromSource);
  });

  it("holds exactly the webhooks of the source files, each as its file describes it", () => {
    expect(bundle.webhooks().map(described).sort(byWhere)).toEqual(source.webhooks().map(described).sort(byWhere));
  });

  it("has the paths and webhooks of spec/openapi.yaml's maps, no more, each from a file of its own", () => {
    const paths = (root.paths ?? {}) as Record<string, JsonObject>;
    const webhooks = (root.webhooks ?? {}) as Record<string, JsonObject>;
    expect(Object.keys(bundle.document.paths ?? {}).sort()).toEqual(Object.keys(paths).sort());
    expect(Object.keys(bundle.document.webhooks ?? {}).sort()).toEqual(Object.keys(webhooks).sort());
    // openapi-starter layout: /contacts/{contact_uuid}/tier lives in paths/contacts_{contact_uuid}_tier.yaml
    for (const [path, item] of Object.entries(paths)) {
      expect(item.$ref, `paths entry ${path}`).toBe(`paths/${path.replace(/^\//, "").replaceAll("/", "_")}.yaml`);
    }
    for (const [event, item] of Object.entries(webhooks)) {
      expect(item.$ref, `webhooks entry ${event}`).toBe(`webhooks/${event}.yaml`);
    }
  });

  it("leaves no path or webhook file unreferenced", () => {
    const referenced = (map: Json | undefined) => Object.values((map ?? {}) as Record<string, JsonObject>).map((item) => String(item.$ref));
    const files = (dir: string) =>
      readdirSync(join(specDir, dir))
        .filter((name) => name.endsWith(".yaml"))
        .map((name) => `${dir}/${name}`);
    expect(files("paths").sort()).toEqual(referenced(root.paths).sort());
    expect(files("webhooks").sort()).toEqual(referenced(root.webhooks).sort());
  });

  it("uses internal references only", () => {
    const refs = collectRefs(bundle.document);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((ref) => !ref.startsWith("#/"))).toEqual([]);
  });

  it("resolves every internal reference", () => {
    for (const ref of new Set(collectRefs(bundle.document))) expect(() => bundle.get(ref), ref).not.toThrow();
  });

  it("is the same document in YAML and JSON", () => {
    const yamlBundle = parse(readFileSync(join(specDir, "dist", "openapi.yaml"), "utf8")) as JsonObject;
    expect(yamlBundle).toEqual(bundle.document);
  });

  it("names the production server first", () => {
    expect(bundle.get("#/servers/0/url")).toBe("https://api.piggy.eu/api/v3/oauth/clients");
  });
});
