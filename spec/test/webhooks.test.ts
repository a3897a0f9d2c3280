import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSpec, type Webhook } from "@leat-openapi/spec-reader";
import { repoRoot, specDir } from "./helpers.js";

// A copy of the whole spec, linted and bundled with the real config. While the spec has no
// event, the fixture event is added the way a real one is (a file in webhooks/, an entry under
// `webhooks:` and its tag); once real events exist, they are what is checked.
let work: string;
const copy = () => join(work, "spec");

function redocly(...args: string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, "scripts", "redocly.mjs"), ...args], { cwd: work, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "leat-webhook-"));
  cpSync(specDir, copy(), { recursive: true, filter: (source) => !/[\\/](dist|node_modules|test)$/.test(source) });
  copyFileSync(join(repoRoot, "redocly.yaml"), join(work, "redocly.yaml"));
  const root = readFileSync(join(copy(), "openapi.yaml"), "utf8");
  if (/^webhooks: \{\}$/m.test(root)) {
    copyFileSync(join(specDir, "test", "fixtures", "webhook", "contact_created.yaml"), join(copy(), "webhooks", "contact_created.yaml"));
    const withEvent = root
      .replace(/^webhooks: \{\}$/m, "webhooks:\n  contact_created:\n    $ref: webhooks/contact_created.yaml")
      // the tag is already in a group of x-tagGroups (leat/tag-groups), waiting to be declared
      .replace(/^tags:\n/m, "tags:\n  - name: Webhooks\n    description: Events the API sends to a subscriber's URL.\n");
    writeFileSync(join(copy(), "openapi.yaml"), withEvent);
  }
  const withEvent = readFileSync(join(copy(), "openapi.yaml"), "utf8");
  expect(withEvent).toContain("$ref: webhooks/contact_created.yaml");
  expect(withEvent).toMatch(/^    tags: \[.*\bWebhooks\]$/m);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const described = (w: Webhook) => ({
  event: w.event,
  method: w.method,
  operationId: w.operationId,
  tags: w.tags,
  parameters: w.parameters.map((p) => `${p.in} ${p.name} ${p.required}`),
  payload: Object.keys(w.requestBody?.content ?? {}),
  examples: Object.values(w.requestBody?.content["application/json"]?.examples ?? {}).map((e) => e.value),
  replies: Object.keys(w.responses),
});

describe("a webhook in the spec", () => {
  it("lints with the repository's rules, source and decorated bundle (both passes of pnpm lint)", () => {
    const source = redocly("lint", "leat@v1", "--config", join(work, "redocly.yaml"));
    expect(source.output).toContain("Your API description is valid");
    expect(source.status).toBe(0);
    const out = join(work, "lint-bundle.json");
    expect(redocly("bundle", "leat@v1", "--config", join(work, "redocly.yaml"), "--ext", "json", "--output", out).status).toBe(0);
    const bundle = redocly("lint", out, "--config", join(work, "redocly.yaml"));
    expect(bundle.output).toContain("Your API description is valid");
    expect(bundle.status).toBe(0);
  });

  it("bundles without a code sample, while every path operation keeps its samples", () => {
    const out = join(work, "bundle.json");
    const bundle = redocly("bundle", join(copy(), "openapi.yaml"), "--config", join(work, "redocly.yaml"), "--ext", "json", "--output", out);
    expect(bundle.output).not.toContain("Missing");
    expect(bundle.status).toBe(0);
    const bundled = readSpec(JSON.parse(readFileSync(out, "utf8")));
    const source = readSpec(join(copy(), "openapi.yaml"));
    expect(bundled.webhooks().map(described)).toEqual(source.webhooks().map(described));
    const events = readSpec(join(specDir, "openapi.yaml"))
      .webhooks()
      .map((w) => w.event);
    expect(bundled.webhooks().map((w) => w.event)).toEqual(events.length > 0 ? events : ["contact_created"]);
    expect(bundled.webhook("contact_created").extensions["x-codeSamples"]).toBeUndefined();
    expect(bundled.operations().length).toBeGreaterThan(0);
    for (const op of bundled.operations()) expect((op.extensions["x-codeSamples"] as unknown[]).length, op.label).toBe(2);
  });
});
