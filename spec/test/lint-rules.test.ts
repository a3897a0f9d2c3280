import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSpec } from "@leat-openapi/spec-reader";
import { atPointer, loadBundle, repoRoot, type JsonObject } from "./helpers.js";

const run = promisify(execFile);

interface Fixture {
  name: string;
  /** The rules that must report on this fixture, and no others. */
  expect: string[];
  mutate(doc: JsonObject): void;
}

const obj = (doc: JsonObject, pointer: string) => atPointer(doc, pointer) as JsonObject;

// A tag name that neither `tags:` nor any x-tagGroups group uses, whatever groups the spec
// declares by now (a real group name such as "Vouchers" stops being free once it is described).
function unusedTagName(doc: JsonObject): string {
  const used = new Set([
    ...((doc.tags ?? []) as JsonObject[]).map((tag) => String(tag.name)),
    ...((doc["x-tagGroups"] ?? []) as JsonObject[]).flatMap((group) => (group.tags as string[]) ?? []),
  ]);
  let name = "Not yet described";
  while (used.has(name)) name += " again";
  return name;
}

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
    // `meta` is optional: some Leat responses have none.
    name: "envelope-without-meta-is-valid",
    expect: [],
    mutate: (doc) => void (obj(doc, "#/paths/~1units/get/responses/200/content/application~1json/schema").required = ["data"]),
  },
  {
    name: "envelope-without-data",
    expect: ["rule/success-envelope-required"],
    mutate: (doc) => void (obj(doc, "#/paths/~1units/get/responses/200/content/application~1json/schema").required = ["meta"]),
  },
  {
    name: "envelope-with-more-than-data-and-meta",
    expect: ["rule/success-envelope-required"],
    mutate: (doc) => {
      const schema = obj(doc, "#/paths/~1units/get/responses/200/content/application~1json/schema");
      schema.required = ["data", "meta", "total"];
      (schema.properties as JsonObject).total = { type: "integer" };
      // every example of that body gains it, so only the envelope rule can object
      for (const example of Object.values(readSpec(doc).findOperation("get", "/units")!.responses["200"]!.content["application/json"]!.examples)) {
        (example.value as JsonObject).total = 2;
      }
    },
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
    expect: ["operation-4xx-response", "rule/operation-shared-responses"],
    mutate: (doc) => {
      const responses = obj(doc, "#/paths/~1tiers/get/responses");
      for (const status of ["400", "401", "429"]) delete responses[status];
    },
  },
  {
    name: "operation-without-401",
    expect: ["rule/operation-shared-responses"],
    mutate: (doc) => void delete obj(doc, "#/paths/~1tiers/get/responses")["401"],
  },
  {
    name: "operation-without-503",
    expect: ["rule/operation-shared-responses"],
    mutate: (doc) => void delete obj(doc, "#/paths/~1units/post/responses")["503"],
  },
  {
    name: "missing-client-method",
    expect: ["rule/client-method-form"],
    mutate: (doc) => void delete obj(doc, "#/paths/~1tiers/get")["x-client-method"],
  },
  {
    name: "client-method-not-resource-dot-method",
    expect: ["rule/client-method-form"],
    mutate: (doc) => void (obj(doc, "#/paths/~1tiers/get")["x-client-method"] = "listTiers"),
  },
  {
    name: "duplicate-client-method",
    expect: ["leat/client-method-unique"],
    mutate: (doc) => void (obj(doc, "#/paths/~1units/post")["x-client-method"] = "units.list"),
  },
  {
    name: "empty-error-codes",
    expect: ["rule/error-codes-list"],
    mutate: (doc) => void (obj(doc, "#/paths/~1units/post")["x-error-codes"] = []),
  },
  {
    name: "error-code-as-string",
    expect: ["rule/error-codes-list", "leat/error-codes-exist"],
    mutate: (doc) => void (obj(doc, "#/paths/~1units/post")["x-error-codes"] = ["1003"]),
  },
  {
    name: "error-code-not-in-error-code-enum",
    expect: ["leat/error-codes-exist"],
    mutate: (doc) => void (obj(doc, "#/paths/~1units/post")["x-error-codes"] = [1003, 99999]),
  },
  {
    name: "unknown-pagination-style",
    expect: ["rule/pagination-style"],
    mutate: (doc) => void (obj(doc, "#/paths/~1units/get")["x-pagination"] = "cursor"),
  },
  {
    name: "known-pagination-style-is-valid",
    expect: [],
    mutate: (doc) => void (obj(doc, "#/paths/~1units/get")["x-pagination"] = "per-page"),
  },
  {
    name: "tag-in-no-group",
    expect: ["leat/tag-groups"],
    mutate: (doc) => void (doc.tags as JsonObject[]).push({ name: unusedTagName(doc), description: "A tag no group lists." }),
  },
  {
    name: "tag-in-two-groups",
    expect: ["leat/tag-groups"],
    mutate: (doc) => void (doc["x-tagGroups"] as JsonObject[]).push({ name: "Again", tags: ["Tiers"] }),
  },
  {
    name: "group-naming-an-undeclared-tag-is-valid",
    expect: [],
    mutate: (doc) => void (doc["x-tagGroups"] as JsonObject[]).push({ name: "Later", tags: [unusedTagName(doc)] }),
  },
  {
    // Webhooks are not calls to the API: no client method, no shared error responses.
    name: "webhook-without-shared-parts-is-valid",
    expect: [],
    mutate: (doc) => {
      // Added beside the spec's own events, whose components stay in use.
      doc.webhooks = {
        ...(doc.webhooks as JsonObject | undefined),
        voucher_created: {
          post: {
            operationId: "voucherCreated",
            summary: "Voucher created",
            description: "Leat calls the subscribed URL when a voucher is created.",
            tags: ["Units"],
            requestBody: { content: { "application/json": { schema: { type: "object" } } } },
            responses: { "200": { description: "Received." } },
          },
        },
      };
    },
  },
  {
    name: "unused-component",
    expect: ["no-unused-components"],
    mutate: (doc) => void (obj(doc, "#/components/schemas").Unused = { type: "string" }),
  },
];

// The rules run on the real bundle cut down to the operations the fixtures break, with the
// components those still use, so this check costs the same at 4 operations as at 170.
const fixturePaths = new Set(["/tiers", "/units", "/contacts/{contact_uuid}/tier"]);

function smallBundle(): JsonObject {
  const doc = structuredClone(loadBundle());
  doc.paths = Object.fromEntries(Object.entries(doc.paths as JsonObject).filter(([path]) => fixturePaths.has(path)));
  delete doc.webhooks;
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith("#/components/")) {
        if (used.has(value)) continue;
        used.add(value);
        visit(atPointer(doc, value));
      } else visit(value);
    }
  };
  visit({ ...doc, components: undefined });
  for (const [kind, entries] of Object.entries(doc.components as Record<string, JsonObject>)) {
    // security schemes are named by `security`, not by $ref
    if (kind === "securitySchemes") continue;
    for (const name of Object.keys(entries)) if (!used.has(`#/components/${kind}/${name}`)) delete entries[name];
  }
  return doc;
}

interface LintReport {
  problems: { ruleId: string; message: string }[];
}

let dir: string;
const reports = new Map<string, LintReport>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "leat-lint-"));
  const files = fixtures.map((fixture) => {
    const doc = smallBundle();
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
  // Linting one copy of the whole bundle per fixture grows with the spec; vitest's 10 s
  // default hook timeout is not a property of the rules.
}, 300_000);

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
