import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { deref, HTTP_METHODS, loadBundle, repoRoot, specDir, type Json, type JsonObject } from "./helpers.js";

const run = promisify(execFile);
const bundle = loadBundle();
const config = parse(readFileSync(join(repoRoot, "redocly.yaml"), "utf8")) as JsonObject;
const common = ((config.decorators as JsonObject)["leat/shared-parts"] as JsonObject).commonErrorCodes as number[];
const errorCode = (bundle.components as JsonObject).schemas as JsonObject;
const codes = errorCode.ErrorCode as JsonObject;
const lowerCamel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

const operations = Object.entries(bundle.paths as JsonObject).flatMap(([path, item]) =>
  HTTP_METHODS.filter((m) => (item as JsonObject)[m]).map((m) => ({ path, method: m, op: (item as JsonObject)[m] as JsonObject })),
);

describe("leat/shared-parts in the bundle", () => {
  it("lists account-wide codes that ErrorCode has", () => {
    expect(common.length).toBeGreaterThan(0);
    for (const code of common) expect(codes.enum as Json[]).toContain(code);
  });

  it.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))("%s has every shared part", (_name, { op }) => {
    const parameters = (op.parameters as Json[]).map((p) => deref(bundle, p) as JsonObject);
    expect(parameters.filter((p) => p.name === "X-Partner-ID" && p.in === "header" && p.required === false)).toHaveLength(1);
    const responses = op.responses as JsonObject;
    expect(responses["401"]).toEqual({ $ref: "#/components/responses/Unauthorized" });
    expect(responses["429"]).toEqual({ $ref: "#/components/responses/TooManyRequests" });
    expect(responses["503"]).toEqual({ $ref: "#/components/responses/ServiceUnavailable" });
    for (const raw of Object.values(responses)) {
      const headers = (deref(bundle, raw) as JsonObject).headers as JsonObject;
      expect(Object.keys(headers)).toEqual(expect.arrayContaining(["X-RateLimit-Limit", "X-RateLimit-Remaining"]));
    }

    const media = ((deref(bundle, responses["400"]!) as JsonObject).content as JsonObject)["application/json"] as JsonObject;
    expect(media.schema).toEqual({ $ref: "#/components/schemas/ErrorEnvelope" });
    const examples = Object.entries(media.examples as JsonObject).map(([key, raw]) => ({
      key,
      ref: (raw as JsonObject).$ref as string | undefined,
      value: (deref(bundle, raw) as JsonObject).value as JsonObject,
    }));
    const wanted = [...new Set([...((op["x-error-codes"] as number[]) ?? []), ...common])];
    expect([...new Set(examples.map((e) => e.value.code))].sort()).toEqual([...wanted].sort());
    for (const { key, ref, value } of examples) {
      const index = (codes.enum as number[]).indexOf(value.code as number);
      const message = (codes["x-enum-messages"] as JsonObject)[String(value.code)];
      const varname = (codes["x-enum-varnames"] as string[])[index]!;
      // the decorator's own examples are the components named after the code
      const generated = ref === `#/components/examples/${varname}` || ref === `#/components/examples/${varname}Error`;
      if (generated) {
        expect(key).toBe(lowerCamel((codes["x-enum-varnames"] as string[])[index]!));
        expect(value.message).toBe(message);
      } else {
        // written in the path file: one of the code's documented messages
        const others = ((codes["x-enum-other-messages"] as JsonObject | undefined)?.[String(value.code)] as string[] | undefined) ?? [];
        expect([message, ...others]).toContain(value.message);
      }
      expect(value.status_code).toBe(400);
    }
  });

  it("keeps a 400 example the path file wrote, and adds only the codes it lacks", () => {
    const op = (bundle.paths as JsonObject)["/units"] as JsonObject;
    const examples = ((((op.post as JsonObject).responses as JsonObject)["400"] as JsonObject).content as JsonObject)[
      "application/json"
    ] as JsonObject;
    expect(Object.keys(examples.examples as JsonObject)).toEqual([
      "invalidInput",
      "unitAlreadyExists",
      "accountInactive",
      "loyaltyProgramNotActive",
      "usageLimitReached",
    ]);
    expect((examples.examples as JsonObject).invalidInput).toEqual({ $ref: "#/components/examples/InvalidUnitInput" });
  });
});

/** Bundles a copy of the spec whose tiers.yaml gets `extra` after its x-client-method line. */
async function bundleWith(extra: string) {
  const dir = mkdtempSync(join(tmpdir(), "leat-shared-"));
  try {
    cpSync(specDir, join(dir, "spec"), { recursive: true, filter: (src) => !/node_modules|[\\/]dist$/.test(src) });
    cpSync(join(repoRoot, "redocly.yaml"), join(dir, "redocly.yaml"));
    const file = join(dir, "spec", "paths", "tiers.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("x-client-method: tiers.list", `x-client-method: tiers.list\n  ${extra}`));
    const out = join(dir, "out.json");
    return await run(
      process.execPath,
      [join(repoRoot, "scripts", "redocly.mjs"), "bundle", "leat@v1", "--config", "redocly.yaml", "--ext", "json", "-o", out],
      { cwd: dir },
    ).then(
      () => ({ failed: false, output: "", doc: JSON.parse(readFileSync(out, "utf8")) as JsonObject }),
      (error: { stdout?: string; stderr?: string }) => ({ failed: true, output: `${error.stdout}${error.stderr}`, doc: undefined }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("leat/shared-parts when bundling", () => {
  it("fails the bundle on a code ErrorCode does not have", async () => {
    const result = await bundleWith("x-error-codes: [99999]");
    expect(result.failed).toBe(true);
    expect(result.output).toContain("GET /tiers: x-error-codes lists 99999, which ErrorCode does not have");
  });

  it("names a generated example <VarName>Error when a hand-written one has the code's name", async () => {
    const result = await bundleWith("x-error-codes: [1003]");
    expect(result.failed, result.output).toBe(false);
    const doc = result.doc!;
    const tiers = ((doc.paths as JsonObject)["/tiers"] as JsonObject).get as JsonObject;
    const examples = ((((tiers.responses as JsonObject)["400"] as JsonObject).content as JsonObject)["application/json"] as JsonObject)
      .examples as JsonObject;
    expect(examples.invalidInput).toEqual({ $ref: "#/components/examples/InvalidInputError" });
    const components = (doc.components as JsonObject).examples as JsonObject;
    expect(components.InvalidInputError).toEqual({
      summary: "Invalid input (code 1003)",
      value: { message: "Invalid input.", code: 1003, status_code: 400 },
    });
    // the hand-written one, with its errors bag, is untouched
    expect(((components.InvalidInput as JsonObject).value as JsonObject).errors).toBeDefined();
  });
});
