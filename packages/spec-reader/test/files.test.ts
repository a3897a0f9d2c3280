import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readErrorCodes, readSpec } from "../src/index.js";
import { writeTree } from "./fixtures.js";

// The openapi-starter layout: a root file whose paths and webhooks point at one file each.
const sourceTree = () =>
  writeTree({
    "openapi.yaml": {
      openapi: "3.1.0",
      info: { title: "Pets", version: "1" },
      paths: { "/pets/{pet_id}": { $ref: "paths/pets_{pet_id}.yaml" } },
      webhooks: { petAdopted: { $ref: "webhooks/petAdopted.yaml" } },
      components: { schemas: { ErrorCode: { $ref: "components/schemas/ErrorCode.yaml" } } },
    },
    "paths/pets_{pet_id}.yaml": {
      parameters: [{ $ref: "../components/parameters/PetId.yaml" }],
      get: {
        operationId: "getPet",
        "x-error-codes": [42],
        responses: {
          "200": {
            description: "A pet",
            content: {
              "application/json": {
                schema: { $ref: "../components/schemas/Pet.yaml" },
                examples: { rex: { $ref: "../components/examples/Rex.yaml" } },
              },
            },
          },
        },
      },
    },
    "webhooks/petAdopted.yaml": {
      post: {
        operationId: "petAdopted",
        requestBody: { content: { "application/json": { schema: { $ref: "../components/schemas/Pet.yaml#/properties/id" } } } },
        responses: { "200": { description: "Received" } },
      },
    },
    "components/parameters/PetId.yaml": { name: "pet_id", in: "path", required: true, schema: { type: "integer" } },
    "components/schemas/Pet.yaml": { type: "object", properties: { id: { type: "integer" } } },
    "components/schemas/ErrorCode.yaml": { type: "integer", enum: [42], "x-enum-varnames": ["NoPets"] },
    "components/examples/Rex.yaml": { value: { id: 1 } },
  });

describe("a document read from its file", () => {
  it("follows references into other files, relative to the file that holds them", () => {
    const dir = sourceTree();
    const reader = readSpec(join(dir, "openapi.yaml"));
    expect(reader.file).toBe(join(dir, "openapi.yaml"));
    const [op] = reader.operations();
    expect(op).toMatchObject({ path: "/pets/{pet_id}", method: "get", operationId: "getPet", errorCodes: [42] });
    expect(op!.at).toEqual({ file: join(dir, "paths", "pets_{pet_id}.yaml"), pointer: "#/get" });
    expect(op!.parameters[0]).toMatchObject({ name: "pet_id", ref: "../components/parameters/PetId.yaml", level: "path" });
    expect(op!.parameters[0]!.at).toEqual({ file: join(dir, "components", "parameters", "PetId.yaml"), pointer: "#" });
    const media = op!.responses["200"]!.content["application/json"]!;
    expect(media.schema).toEqual({ type: "object", properties: { id: { type: "integer" } } });
    expect(media.examples.rex?.value).toEqual({ id: 1 });
    const webhook = reader.webhook("petAdopted");
    expect(webhook.requestBody?.content["application/json"]?.schema).toEqual({ type: "integer" });
    expect(reader.errorCodes()).toEqual([{ code: 42, name: "NoPets", message: undefined, description: undefined, otherMessages: [] }]);
  });

  it("names the file and the $ref when a referenced file is missing", () => {
    const dir = sourceTree();
    writeFileSync(join(dir, "paths", "pets_{pet_id}.yaml"), "get:\n  responses:\n    '200':\n      $ref: ../components/responses/Gone.yaml\n");
    expect(() => readSpec(join(dir, "openapi.yaml")).operations()).toThrow(
      /Cannot resolve \$ref "\.\.\/components\/responses\/Gone\.yaml" at .*pets_\{pet_id\}\.yaml#\/get\/responses\/200: Cannot read .*Gone\.yaml/,
    );
  });

  it("names the file that does not parse", () => {
    const dir = writeTree({ "openapi.yaml": "openapi: [3.1\n" });
    expect(() => readSpec(join(dir, "openapi.yaml"))).toThrow(/Cannot parse .*openapi\.yaml/);
  });

  it("reads an edited file again, and an unchanged one from memory", () => {
    const dir = writeTree({ "openapi.json": { openapi: "3.1.0", paths: {} } });
    const file = join(dir, "openapi.json");
    const first = readSpec(file);
    expect(readSpec(file)).toBe(first);
    writeFileSync(file, JSON.stringify({ openapi: "3.1.0", paths: { "/a": { get: { operationId: "a", responses: {} } } } }));
    expect(readSpec(file).operations().map((op) => op.operationId)).toEqual(["a"]);
  });
});

// The repository's own spec: its sources, and its bundle, which turbo builds before this test
// (packages/spec-reader/turbo.json), so `pnpm test` always checks both; run alone, only what exists.
const specDir = join(import.meta.dirname, "..", "..", "..", "spec");
const documents = [join(specDir, "openapi.yaml"), join(specDir, "dist", "openapi.json"), join(specDir, "dist", "openapi.yaml")].filter((file) => existsSync(file));

describe("the Leat spec", () => {
  // What the sources say of each operation; a bundle may add shared parameters and responses
  // (the spec's decorators do), so those are compared as subsets below.
  const summary = (file: string) =>
    readSpec(file)
      .operations()
      .map((op) => ({ id: op.operationId, route: `${op.method} ${op.path}`, tags: op.tags, errorCodes: op.errorCodes, clientMethod: op.clientMethod }));
  const parts = (file: string) =>
    new Map(
      readSpec(file)
        .operations()
        .map((op) => [op.operationId, { parameters: op.parameters.map((p) => `${p.in} ${p.name}`), statuses: Object.keys(op.responses) }]),
    );

  it.each(documents)("%s reads without error and agrees with the sources", (file) => {
    const reader = readSpec(file);
    expect(reader.operations().length).toBeGreaterThan(0);
    expect(reader.operations().every((op) => typeof op.operationId === "string" && op.tags.length === 1)).toBe(true);
    expect(summary(file)).toEqual(summary(documents[0]!));
    const own = parts(file);
    for (const [id, source] of parts(documents[0]!)) {
      expect(own.get(id)?.parameters, `${id} parameters`).toEqual(expect.arrayContaining(source.parameters));
      expect(own.get(id)?.statuses, `${id} responses`).toEqual(expect.arrayContaining(source.statuses));
    }
    // The sources keep ErrorCode in its own file; a bundle carries it under components.
    const codes = file === documents[0] ? readErrorCodes(readSpec(join(specDir, "components", "schemas", "ErrorCode.yaml")).document) : reader.errorCodes();
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((info) => info.name && info.message && info.description)).toBe(true);
    if (file !== documents[0]) expect(codes).toEqual(readErrorCodes(readSpec(join(specDir, "components", "schemas", "ErrorCode.yaml")).document));
    expect(reader.webhooks().map((w) => w.event)).toEqual(readSpec(documents[0]!).webhooks().map((w) => w.event));
  });
});
