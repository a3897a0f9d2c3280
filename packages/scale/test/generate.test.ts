import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSpec, type Operation } from "@leat-openapi/spec-reader";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSpec, KEPT_PATHS, pathFile, realOperationCount, repoRoot } from "../src/generate.mjs";

// 166 synthetic operations on top of the real ones (170 in all while the real spec has 4).
const BIG = realOperationCount() + 166;
// Tags in all: the kept real operations' own plus synthetic ones. Each mock module the real spec
// keeps takes tags from the synthetic resources, so this leaves room for about 20 of those (half
// their creates take form bodies, which the coverage test below counts).
const RESOURCES = 50;

let work: string;
const dir = (name: string) => join(work, name);
const files = (root: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const file = join(e.parentPath, e.name);
        return [file.slice(root.length), readFileSync(file, "utf8")];
      }),
  );

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "leat-scale-gen-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("generateSpec", () => {
  it("writes the asked number of operations, resources and webhooks, in spec/'s layout", () => {
    const made = generateSpec({ out: dir("big"), operations: BIG, resources: RESOURCES, webhooks: 12, seed: 7 });
    const spec = readSpec(made.root);
    const operations = spec.operations();
    expect(made).toMatchObject({ operations: BIG, resources: RESOURCES, webhooks: 12 });
    expect(operations).toHaveLength(BIG);
    expect(new Set(operations.flatMap((op) => op.tags)).size).toBe(RESOURCES);
    expect(spec.webhooks()).toHaveLength(12);
    const root = parse(readFileSync(made.root, "utf8"));
    for (const [path, item] of Object.entries(root.paths as Record<string, { $ref: string }>)) {
      expect(item.$ref).toBe(`paths/${pathFile(path)}`);
    }
    for (const [event, item] of Object.entries(root.webhooks as Record<string, { $ref: string }>)) {
      expect(item.$ref).toBe(`webhooks/${event}.yaml`);
    }
  });

  it("follows the spec's conventions on every operation", () => {
    const spec = readSpec(join(dir("big"), "spec", "openapi.yaml"));
    const codes = new Set(
      readSpec(join(repoRoot, "spec", "openapi.yaml"))
        .errorCodes()
        .map((c) => c.code),
    );
    const root = parse(readFileSync(join(dir("big"), "spec", "openapi.yaml"), "utf8"));
    const grouped = new Set((root["x-tagGroups"] as { tags: string[] }[]).flatMap((g) => g.tags));
    const declared = new Set((root.tags as { name: string }[]).map((t) => t.name));
    const methods = spec.operations().map((op) => op.clientMethod);
    expect(new Set(methods).size).toBe(methods.length);
    for (const op of spec.operations()) {
      expect(op.clientMethod, op.label).toMatch(/^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/);
      expect(op.tags, op.label).toHaveLength(1);
      expect(grouped.has(op.tags[0]) && declared.has(op.tags[0]), op.label).toBe(true);
      for (const code of op.errorCodes ?? []) expect(codes.has(code), `${op.label} ${code}`).toBe(true);
      for (const name of [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])) {
        expect(
          op.parameters.some((p) => p.in === "path" && p.name === name),
          `${op.label} {${name}}`,
        ).toBe(true);
      }
    }
  });

  it("covers paginated lists of every style, path parameters, JSON and form bodies", () => {
    const operations = readSpec(join(dir("big"), "spec", "openapi.yaml")).operations();
    const styles = new Map<string, Operation>();
    for (const op of operations) if (op.extensions["x-pagination"]) styles.set(String(op.extensions["x-pagination"]), op);
    expect([...styles.keys()].sort()).toEqual(["array", "current-page", "laravel", "per-page", "viewing"]);
    const metaOf = (op: Operation) => JSON.stringify(op.responses["200"]?.content["application/json"]?.schema);
    expect(metaOf(styles.get("laravel")!)).toContain("LaravelLinks");
    expect(operations.filter((op) => op.parameters.some((p) => p.in === "path")).length).toBeGreaterThan(80);
    expect(operations.filter((op) => op.requestBody?.content["application/json"]).length).toBeGreaterThan(40);
    // Every other synthetic resource's create also takes a form; the real operations the mock's
    // modules need take more of the 40 resources as modules land, so count from what is left.
    const realTags = new Set(operations.filter((op) => KEPT_PATHS.has(op.path)).flatMap((op) => op.tags));
    const synthetic = 40 - realTags.size;
    expect(synthetic).toBeGreaterThan(10);
    expect(operations.filter((op) => op.requestBody?.content["application/x-www-form-urlencoded"]).length).toBeGreaterThanOrEqual(Math.ceil(synthetic / 2));
  });

  it("is deterministic: the same seed writes the same files, another seed others", () => {
    const size = realOperationCount() + 56;
    generateSpec({ out: dir("a"), operations: size, seed: 3 });
    generateSpec({ out: dir("b"), operations: size, seed: 3 });
    generateSpec({ out: dir("c"), operations: size, seed: 4 });
    expect(files(dir("b"))).toEqual(files(dir("a")));
    expect(files(dir("c"))).not.toEqual(files(dir("a")));
  });

  it("at its smallest size holds only the real operations the mock needs", () => {
    const real = realOperationCount();
    const made = generateSpec({ out: dir("small"), operations: real });
    expect(made).toMatchObject({ operations: real, webhooks: Math.round((12 * real) / 170) });
    expect(
      readSpec(made.root)
        .operations()
        .map((op) => op.operationId),
    ).toEqual(
      readSpec(join(repoRoot, "spec", "openapi.yaml"))
        .operations()
        .filter((op) => KEPT_PATHS.has(op.path))
        .map((op) => op.operationId),
    );
  });

  it("declares tags of a Synthetic group once x-tagGroups has no unused tag left", () => {
    const made = generateSpec({ out: dir("many"), operations: realOperationCount() + 120, resources: 120, seed: 2 });
    const root = parse(readFileSync(made.root, "utf8"));
    const group = (root["x-tagGroups"] as { name: string; tags: string[] }[]).find((g) => g.name === "Synthetic");
    expect(group?.tags.length).toBeGreaterThan(0);
    const used = new Set(
      readSpec(made.root)
        .operations()
        .flatMap((op) => op.tags),
    );
    for (const tag of group?.tags ?? []) expect(used.has(tag), tag).toBe(true);
  });

  it("names bad options", () => {
    expect(() => generateSpec({ out: dir("bad"), operations: 0 })).toThrow(/operations must be a positive integer, not 0/);
    expect(() => generateSpec({ out: dir("bad"), resources: 1.5 })).toThrow(/resources must be a positive integer, not 1.5/);
  });
});
