// What Leat's own traffic shows (its Postman collection, converted to OpenAPI as
// `leat-openapi.yaml` in multiplehats/leat-docs), and what independent validators need,
// checked against the bundle. spec/README.md lists each fact with its source.
import { Ajv2020 } from "ajv/dist/2020.js";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { atPointer, deref, loadBundle, type Json, type JsonObject } from "./helpers.js";

const bundle = loadBundle();
const op = (path: string, method: string) => atPointer(bundle, `#/paths/${path.replace(/\//g, "~1")}/${method}`) as JsonObject;
const createUnit = op("/units", "post");
const listUnits = op("/units", "get");
const getContactTier = op("/contacts/{contact_uuid}/tier", "get");

/** Ajv over the whole bundle, optionally coercing types the way Prism does for form fields and headers. */
function validatorFor(pointer: string, coerceTypes: boolean) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes });
  ajv.addSchema(bundle as object, "bundle");
  return ajv.compile({ $ref: `bundle${pointer}` });
}

function examplesOf(media: Json): Record<string, Json> {
  const examples = (media as JsonObject).examples as Record<string, Json>;
  return Object.fromEntries(Object.entries(examples).map(([name, ex]) => [name, (deref(bundle, ex) as JsonObject).value!]));
}

describe("wire strings validate under a validator that coerces them (Prism) and one that does not", () => {
  for (const coerce of [false, true]) {
    it(`form and multipart is_default values ${coerce ? "with" : "without"} type coercion`, () => {
      for (const media of ["application/x-www-form-urlencoded", "multipart/form-data"]) {
        const validate = validatorFor(`#/paths/~1units/post/requestBody/content/${media.replace("/", "~1")}/schema`, coerce);
        for (const value of ["1", "0", "true", "false", "yes", "no"]) {
          expect(validate({ name: "a", label: "A", is_default: value }), `${media} is_default=${value}`).toBe(true);
        }
        expect(validate({ name: "a", label: "A", is_default: "maybe" })).toBe(false);
      }
    });

    it(`Retry-After as a header string ${coerce ? "with" : "without"} type coercion`, () => {
      const validate = validatorFor("#/components/headers/Retry-After/schema", coerce);
      // A coercing validator converts header text in place, inside an object as Prism does.
      const check = (value: Json) => {
        const holder = { value };
        const ajv = new Ajv2020({ strict: false, coerceTypes: coerce });
        ajv.addSchema(bundle as object, "bundle");
        return ajv.validate({ type: "object", properties: { value: { $ref: "bundle#/components/headers/Retry-After/schema" } } }, holder);
      };
      for (const value of ["30", "0", "Wed, 21 Oct 2026 07:28:00 GMT", 30]) expect(check(value), String(value)).toBe(true);
      expect(validate("soon")).toBe(false);
      expect(check(-1)).toBe(false);
    });
  }
});

describe("spectral:oas findings", () => {
  it("every array schema of Meta says what it holds (array-items)", () => {
    const meta = atPointer(bundle, "#/components/schemas/Meta") as JsonObject;
    const arrays = (meta.oneOf as JsonObject[]).filter((s) => s.type === "array");
    expect(arrays.length).toBeGreaterThan(0);
    for (const schema of arrays) expect(schema).toHaveProperty("items");
  });
});

describe("Create Unit, as captured", () => {
  it("answers 200 (the captured status), not 201", () => {
    const statuses = Object.keys(createUnit.responses as JsonObject).filter((s) => s.startsWith("2"));
    expect(statuses).toEqual(["200"]);
    expect(String(createUnit.description)).toMatch(/200/);
  });

  it("accepts multipart/form-data, as Leat's collection sends it, with an example", () => {
    const content = (createUnit.requestBody as JsonObject).content as JsonObject;
    expect(Object.keys(content)).toContain("multipart/form-data");
    const examples = examplesOf(content["multipart/form-data"]!);
    const validate = validatorFor("#/paths/~1units/post/requestBody/content/multipart~1form-data/schema", false);
    expect(Object.keys(examples).length).toBeGreaterThan(0);
    for (const value of Object.values(examples)) {
      // Multipart fields are text on the wire.
      expect(Object.values(value as JsonObject).every((v) => typeof v === "string")).toBe(true);
      expect(validate(value)).toBe(true);
    }
  });
});

describe("default units", () => {
  const descriptions = [
    String(listUnits.description),
    String(createUnit.description),
    String((atPointer(bundle, "#/components/schemas/Unit/properties/is_default") as JsonObject).description),
    String(((bundle.tags as JsonObject[]).find((t) => t.name === "Units") as JsonObject).description),
  ];

  it("does not promise exactly one default as a fact, and names the captured exception", () => {
    for (const text of descriptions) {
      expect(text).not.toMatch(/exactly one (of (its|them|the)\s+)?units?\b[^.]*\bis\b/i);
      expect(text).not.toMatch(/Exactly one unit of an account is/);
      expect(text).toMatch(/captur/i);
    }
    const summary = String((((listUnits.responses as JsonObject)["200"] as JsonObject).description));
    expect(summary).not.toMatch(/exactly one/i);
  });

  it("allows a list with two defaults, and shows one", () => {
    const content = ((listUnits.responses as JsonObject)["200"] as JsonObject).content as JsonObject;
    const validate = validatorFor("#/paths/~1units/get/responses/200/content/application~1json/schema", false);
    const examples = Object.values(examplesOf(content["application/json"]!)) as { data: { is_default: boolean }[] }[];
    const twoDefaults = examples.filter((e) => e.data.filter((u) => u.is_default).length === 2);
    expect(twoDefaults).toHaveLength(1);
    expect(validate(twoDefaults[0])).toBe(true);
  });
});

describe("a contact without a tier", () => {
  const media = (((getContactTier.responses as JsonObject)["200"] as JsonObject).content as JsonObject)["application/json"]!;
  const examples = examplesOf(media);

  it("may be answered with data: null, and an example shows it", () => {
    const validate = validatorFor("#/paths/~1contacts~1{contact_uuid}~1tier/get/responses/200/content/application~1json/schema", false);
    expect(validate({ data: null, meta: [] })).toBe(true);
    expect(Object.values(examples).some((e) => (e as JsonObject).data === null)).toBe(true);
  });

  it("is told from a tier by the type guard the description gives, on every example", () => {
    const guard = /`(const isTier = [^`]+)`/.exec(String(getContactTier.description));
    expect(guard, "the description shows an isTier type guard").not.toBeNull();
    const js = ts.transpileModule(`${guard![1]}\nexport default isTier;`, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
    const module = { exports: {} as { default: (data: Json) => boolean } };
    new Function("module", "exports", js)(module, module.exports);
    const isTier = module.exports.default;
    const verdicts = Object.fromEntries(Object.entries(examples).map(([name, e]) => [name, isTier((e as JsonObject).data!)]));
    expect(verdicts).toEqual({ contactTier: true, contactWithoutTier: false, contactWithoutTierNull: false });
  });
});

describe("rate-limit headers, as captured", () => {
  it("show X-RateLimit-Limit 5000 and X-RateLimit-Remaining 4999", () => {
    const first = (name: string) => ((atPointer(bundle, `#/components/headers/${name}/schema`) as JsonObject).examples as Json[])[0];
    expect(first("X-RateLimit-Limit")).toBe(5000);
    expect(first("X-RateLimit-Remaining")).toBe(4999);
  });
});

describe("Content-Type, as captured", () => {
  it("every response body is application/json (Leat sends no charset parameter)", () => {
    const types = new Set<string>();
    const walk = (node: Json) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
          if (key === "responses" && value && typeof value === "object") {
            for (const response of Object.values(value)) {
              const content = (deref(bundle, response) as JsonObject).content;
              if (content && typeof content === "object") Object.keys(content).forEach((t) => types.add(t));
            }
          } else walk(value);
        }
      }
    };
    walk(bundle.paths!);
    expect([...types]).toEqual(["application/json"]);
  });
});
