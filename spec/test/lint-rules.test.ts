import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { atPointer, loadBundle, repoRoot, type JsonObject } from "./helpers.js";

const run = promisify(execFile);

interface Fixture {
  name: string;
  /** The rules that must report on this fixture, and no others. */
  expect: string[];
  mutate(doc: JsonObject): void;
}

const obj = (doc: JsonObject, pointer: string) => atPointer(doc, pointer) as JsonObject;

// Each fixture is the real bundled spec broken in one place, so a fixture cannot pass or fail
// for a reason unrelated to the rule it targets.
const fixtures: Fixture[] = [
  { name: "valid", expect: [], mutate: () => {} },
  {
    name: "snake-case-operation-id",
    expect: ["rule/operation-id-camel-case"],
    mutate: (doc) => void (obj(doc, "#/paths/~1tiers/get").operationId = "list_tiers"),
  },
  {
    name: "title-case-summary",
    expect: ["rule/summary-sentence-case"],
    mutate: (doc) => void (obj(doc, "#/paths/~1tiers/get").summary = "List Tiers"),
  },
  {
    name: "summary-with-full-stop",
    expect: ["rule/summary-sentence-case"],
    mutate: (doc) => void (obj(doc, "#/paths/~1units/get").summary = "List units."),
  },
  {
    name: "envelope-without-meta",
    expect: ["rule/success-envelope-required"],
    mutate: (doc) => void (obj(doc, "#/paths/~1units/get/responses/200/content/application~1json/schema").required = ["data"]),
  },
  {
    name: "bare-array-body",
    expect: ["rule/success-envelope-required", "no-invalid-media-type-examples"],
    mutate: (doc) => {
      obj(doc, "#/paths/~1tiers/get/responses/200/content/application~1json").schema = {
        type: "array",
        items: { $ref: "#/components/schemas/Tier" },
      };
    },
  },
  {
    name: "inline-error-schema",
    expect: ["rule/error-envelope"],
    mutate: (doc) => {
      obj(doc, "#/components/responses/Unauthorized/content/application~1json").schema = {
        type: "object",
        required: ["message"],
        properties: { message: { type: "string" } },
      };
    },
  },
  {
    name: "response-without-headers",
    expect: ["rule/response-has-headers"],
    mutate: (doc) => void delete obj(doc, "#/paths/~1units/post/responses/200").headers,
  },
  {
    name: "missing-rate-limit-header",
    expect: ["rule/rate-limit-headers"],
    mutate: (doc) => void delete obj(doc, "#/paths/~1tiers/get/responses/200/headers")["X-RateLimit-Remaining"],
  },
  {
    name: "429-without-retry-after",
    expect: ["rule/too-many-requests-retry-after", "no-unused-components"],
    mutate: (doc) => void delete obj(doc, "#/components/responses/TooManyRequests/headers")["Retry-After"],
  },
  {
    name: "undocumented-error-code",
    expect: ["leat/error-examples-match-codes"],
    mutate: (doc) => void (obj(doc, "#/components/examples/ContactNotFound/value").code = 55032),
  },
  {
    name: "status-code-mismatch",
    expect: ["leat/error-examples-match-codes"],
    mutate: (doc) => void (obj(doc, "#/components/examples/UnitAlreadyExists/value").status_code = 409),
  },
  {
    name: "message-not-matching-code",
    expect: ["leat/error-examples-match-codes"],
    mutate: (doc) => void (obj(doc, "#/components/examples/AccountInactive/value").message = "Account disabled."),
  },
  {
    name: "example-breaks-schema",
    expect: ["no-invalid-media-type-examples"],
    mutate: (doc) => {
      const list = obj(doc, "#/components/examples/TierList/value").data as JsonObject[];
      list[0]!.position = "first";
    },
  },
  {
    name: "operation-without-4xx",
    expect: ["operation-4xx-response"],
    mutate: (doc) => {
      const responses = obj(doc, "#/paths/~1tiers/get/responses");
      for (const status of ["400", "401", "429"]) delete responses[status];
    },
  },
  {
    name: "unused-component",
    expect: ["no-unused-components"],
    mutate: (doc) => void (obj(doc, "#/components/schemas").Unused = { type: "string" }),
  },
];

interface LintReport {
  problems: { ruleId: string; message: string }[];
}

let dir: string;
const reports = new Map<string, LintReport>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "leat-lint-"));
  const files = fixtures.map((fixture) => {
    const doc = structuredClone(loadBundle());
    fixture.mutate(doc);
    const file = join(dir, `${fixture.name}.json`);
    writeFileSync(file, JSON.stringify(doc, null, 2));
    return file;
  });
  // One CLI start for all fixtures: it prints one JSON report per file, in order.
  const { stdout } = await run(
    process.execPath,
    [join(repoRoot, "scripts", "redocly.mjs"), "lint", ...files, "--config", join(repoRoot, "redocly.yaml"), "--format=json"],
    { cwd: join(repoRoot, "spec"), maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
  const parsed = JSON.parse(`[${stdout.replace(/}\s*{\s*"totals"/g, '},{"totals"')}]`) as LintReport[];
  expect(parsed).toHaveLength(fixtures.length);
  fixtures.forEach((fixture, index) => reports.set(fixture.name, parsed[index]!));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("lint rules", () => {
  it.each(fixtures.map((f) => [f.name, f] as const))("%s", (_name, fixture) => {
    const report = reports.get(fixture.name)!;
    const rules = [...new Set(report.problems.map((p) => p.ruleId))].sort();
    expect(rules, JSON.stringify(report.problems.map((p) => `${p.ruleId}: ${p.message}`), null, 2)).toEqual(
      [...fixture.expect].sort(),
    );
  });
});
