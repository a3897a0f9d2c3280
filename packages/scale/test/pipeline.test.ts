// The whole pipeline on a synthetic spec of 170 operations over 40 resources, with 12 webhooks:
// every stage the real spec goes through, with the repository's configuration and scripts.
// Stages run in order, each on the previous one's output. No stage is timed here: the bench
// (packages/bench, row "pipeline scale") measures them.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSpec, type SpecReader } from "@leat-openapi/spec-reader";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSpec, realOperationCount } from "../src/generate.mjs";
import * as pipeline from "../src/pipeline.mjs";

// About the whole Leat API; once the real spec itself nears that, 40 synthetic operations on top.
const OPERATIONS = Math.max(170, realOperationCount() + 40);
let work: string;
let bundled: SpecReader;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "leat-scale-"));
  generateSpec({ out: work, operations: OPERATIONS, resources: 40, webhooks: 12, seed: 1 });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe(`the pipeline on ${OPERATIONS} synthetic operations`, () => {
  it("bundles with the repo's redocly.yaml and plugins: every operation and webhook, decorated", () => {
    pipeline.bundle(work);
    bundled = readSpec(JSON.parse(readFileSync(pipeline.layout(work).bundle, "utf8")));
    expect(bundled.operations()).toHaveLength(OPERATIONS);
    expect(bundled.webhooks()).toHaveLength(12);
    for (const op of bundled.operations()) {
      expect(Object.keys(op.responses), op.label).toEqual(expect.arrayContaining(["400", "401", "429", "503"]));
      expect(op.extensions["x-codeSamples"], op.label).toHaveLength(2);
    }
  });

  it("lints clean in both passes (sources, then the decorated bundle)", () => {
    expect(() => pipeline.lint(work)).not.toThrow();
  });

  it("generates types that name every operation's success body, and they type-check", () => {
    pipeline.types(work);
    expect(readFileSync(pipeline.layout(work).schema, "utf8")).toContain("export interface paths");
    expect(pipeline.typecheck(work)).toBeGreaterThanOrEqual(OPERATIONS);
  });

  it("builds the docs page with every operation in it", () => {
    const page = readFileSync(pipeline.docs(work), "utf8");
    for (const op of bundled.operations()) expect(page.includes(String(op.operationId)), op.label).toBe(true);
  });

  it("generates a client for this spec and type-checks every operation's TypeScript sample against it", async () => {
    pipeline.client(work);
    const samples = await pipeline.samples(work);
    expect(samples).toHaveLength(OPERATIONS);
  });

  it("runs every operation's TypeScript sample against the mock server", async () => {
    const runnable = await pipeline.runnableSamples(work);
    expect(runnable).toHaveLength(OPERATIONS);
    const { startMockServer } = await pipeline.mockServerModule();
    const mock = await startMockServer({ port: 0, document: bundled.document });
    try {
      const results = await pipeline.runSamples(
        runnable.map((sample) => sample.file),
        { LEAT_BASE_URL: mock.url, LEAT_API_KEY: "scale-sample-token", LEAT_MOCK_RESET: "1" },
      );
      expect(results).toHaveLength(OPERATIONS);
      const failures = results.filter((r) => !r.ok || r.stdout.trim() === "").map((r) => `${r.file}: ${r.error ?? "printed nothing"}`);
      expect(failures).toEqual([]);
    } finally {
      await mock.close();
    }
  });

  it("the mock server answers every operation's example request with a documented success", async () => {
    const { startMockServer } = await pipeline.mockServerModule();
    const mock = await startMockServer({ port: 0, document: bundled.document });
    try {
      const wrong: string[] = [];
      for (const op of bundled.operations()) {
        const request = pipeline.exampleRequest(op);
        // each request from the seeded state: the mock keeps state, and a delete would take
        // the record a later example reads
        await mock.reset();
        const response = await fetch(`${mock.url}${request.url}`, {
          method: request.method,
          headers: { authorization: "Bearer scale", accept: "application/json", ...(request.body ? { "content-type": "application/json" } : {}) },
          body: request.body,
        });
        const text = await response.text();
        if (!request.success.includes(response.status)) wrong.push(`${op.label}: ${response.status} ${text.slice(0, 200)}`);
      }
      expect(wrong).toEqual([]);
    } finally {
      await mock.close();
    }
  });

  it("left every stage's output where the next stage read it", () => {
    const paths = pipeline.layout(work);
    for (const file of [paths.bundle, paths.schema, paths.consumer, join(paths.docs, "index.html"), join(paths.client, "src", "generated")]) {
      expect(existsSync(file), file).toBe(true);
    }
  });
});
