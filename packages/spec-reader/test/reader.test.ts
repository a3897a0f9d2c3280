import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HTTP_METHODS, isHttpMethod, readSpec, SpecReaderError, SpecReferenceError } from "../src/index.js";
import { petStore } from "./fixtures.js";

describe("HTTP methods", () => {
  it("are the eight operation keys of a path item", () => {
    expect(HTTP_METHODS).toEqual(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
    expect(isHttpMethod("post")).toBe(true);
    expect(isHttpMethod("parameters")).toBe(false);
    expect(isHttpMethod("POST")).toBe(false);
  });
});

describe("operations", () => {
  const reader = readSpec(petStore());

  it("lists every operation in document order, with its identity", () => {
    expect(reader.operations().map((op) => [op.method, op.path, op.operationId, op.label])).toEqual([
      ["get", "/pets", "listPets", "GET /pets"],
      ["post", "/pets", "createPet", "POST /pets"],
      ["get", "/pets/{pet_id}", "getPet", "GET /pets/{pet_id}"],
      ["delete", "/pets/{pet_id}", "deletePet", "DELETE /pets/{pet_id}"],
    ]);
  });

  it("reads tags, summary and the vendor extensions", () => {
    const create = reader.operation("createPet");
    expect(create).toMatchObject({ kind: "path", tags: ["Pets"], summary: "Create a pet", clientMethod: "pets.create", errorCodes: [1003, 42], pagination: undefined });
    expect(create.extensions).toEqual({ "x-client-method": "pets.create", "x-error-codes": [1003, 42] });
    expect(reader.operation("listPets").pagination).toBe("viewing");
    expect(reader.operation("deletePet")).toMatchObject({ tags: [], clientMethod: undefined, errorCodes: [] });
    expect(create.at).toEqual({ file: undefined, pointer: "#/paths/~1pets/post" });
  });

  it("merges path-level parameters with the operation's, the operation winning (header names case-insensitive)", () => {
    const params = reader.operation("getPet").parameters;
    expect(params.map((p) => [p.in, p.name, p.level, p.required, p.description])).toEqual([
      ["path", "pet_id", "path", true, undefined],
      ["header", "x-trace", "operation", true, "operation level"],
    ]);
    const petId = params[0]!;
    expect(petId.ref).toBe("#/components/parameters/PetId");
    expect(petId.at.pointer).toBe("#/components/parameters/PetId");
    expect(petId.schemaAt?.pointer).toBe("#/components/parameters/PetId/schema");
    expect(petId.examples.one?.value).toBe(1);
    // deletePet has no parameters of its own but inherits the path's.
    expect(reader.operation("deletePet").parameters.map((p) => p.name)).toEqual(["pet_id", "X-Trace"]);
  });

  it("resolves the request body, its media types, schemas and named examples", () => {
    const body = reader.operation("createPet").requestBody!;
    expect(body).toMatchObject({ required: true, ref: "#/components/requestBodies/NewPet" });
    expect(Object.keys(body.content)).toEqual(["application/json", "application/x-www-form-urlencoded"]);
    const json = body.content["application/json"]!;
    expect(json.schemaRef).toBe("#/components/schemas/Pet");
    expect(json.schema?.required).toEqual(["id"]);
    expect(json.schemaAt?.pointer).toBe("#/components/requestBodies/NewPet/content/application~1json/schema");
    expect(json.examples.rex).toMatchObject({ name: "rex", value: { id: 1, name: "Rex" }, summary: "Rex", ref: "#/components/examples/Rex" });
    expect(json.examples.rex?.at.pointer).toBe("#/components/examples/Rex");
    expect(reader.operation("listPets").requestBody).toBeUndefined();
  });

  it("resolves responses by status, with headers, media, schemas and examples", () => {
    const list = reader.operation("listPets").responses;
    expect(Object.keys(list)).toEqual(["200"]);
    const ok = list["200"]!;
    expect(ok).toMatchObject({ status: "200", description: "Pets", ref: "#/components/responses/PetList" });
    expect(ok.headers["X-Count"]).toMatchObject({ required: true, ref: "#/components/headers/X-Count", schema: { type: "integer", examples: [2] } });
    const media = ok.content["application/json"]!;
    expect(media.schema?.type).toBe("array");
    expect(media.schemaRef).toBeUndefined();
    expect(Object.keys(media.examples)).toEqual(["two", "rex"]);
    expect(media.examples.two).toMatchObject({ summary: "Two pets", value: [{ id: 1 }, { id: 2 }], ref: undefined });
    const created = reader.operation("createPet").responses["201"]!.content["application/json"]!;
    expect(created.example).toEqual({ id: 1, name: "Rex" });
    expect(created.examples).toEqual({});
    expect(Object.keys(reader.operation("createPet").responses)).toEqual(["201", "400"]);
  });

  it("finds an operation by method and path, and names a missing operationId", () => {
    expect(reader.findOperation("DELETE", "/pets/{pet_id}")?.operationId).toBe("deletePet");
    expect(reader.findOperation("put", "/pets")).toBeUndefined();
    expect(() => reader.operation("nope")).toThrow(/No operation has operationId "nope"/);
  });

  it("computes once per document", () => {
    const doc = petStore();
    expect(readSpec(doc)).toBe(readSpec(doc));
    expect(readSpec(doc).operations()).toBe(readSpec(doc).operations());
    expect(readSpec(doc).errorCodes()).toBe(readSpec(doc).errorCodes());
    expect(readSpec(petStore())).not.toBe(readSpec(doc));
  });

  it("rejects malformed vendor extensions and parameters, naming the operation", () => {
    const bad = petStore() as any;
    bad.paths["/pets"].post["x-error-codes"] = ["1003"];
    expect(() => readSpec(bad).operations()).toThrow(/x-error-codes of POST \/pets must be a list of integers/);
    const badMethod = petStore() as any;
    badMethod.paths["/pets"].get["x-client-method"] = 3;
    expect(() => readSpec(badMethod).operations()).toThrow(/x-client-method of GET \/pets must be a non-empty string/);
    const badParam = petStore() as any;
    badParam.paths["/pets"].get.parameters[0].in = "body";
    expect(() => readSpec(badParam).operations()).toThrow(SpecReaderError);
    expect(() => readSpec(badParam).operations()).toThrow(/#\/paths\/~1pets\/get\/parameters\/0 \(GET \/pets\)/);
  });
});

describe("webhooks", () => {
  it("reads each event as an operation of the same shape", () => {
    const reader = readSpec(petStore());
    expect(reader.webhooks().map((w) => [w.kind, w.event, w.method, w.operationId, w.label])).toEqual([
      ["webhook", "petAdopted", "post", "petAdopted", "POST webhook petAdopted"],
    ]);
    const adopted = reader.webhook("petAdopted");
    expect(adopted.requestBody?.content["application/json"]?.examples.rex?.value).toEqual({ id: 1, name: "Rex" });
    expect(adopted.responses["200"]?.description).toBe("Received");
    expect(adopted.at.pointer).toBe("#/webhooks/petAdopted/post");
    expect(() => reader.webhook("petLost")).toThrow(/No webhook "petLost"/);
    // webhooks are not operations under paths
    expect(reader.operations().some((op) => op.operationId === "petAdopted")).toBe(false);
  });

  it("follows a webhook path item written as a $ref (how a bundle may keep it)", () => {
    const doc = petStore() as any;
    doc.components.pathItems = { PetAdopted: doc.webhooks.petAdopted };
    doc.webhooks.petAdopted = { $ref: "#/components/pathItems/PetAdopted" };
    const webhook = readSpec(doc).webhook("petAdopted", "post");
    expect(webhook.at.pointer).toBe("#/components/pathItems/PetAdopted/post");
    expect(webhook.requestBody?.content["application/json"]?.schemaRef).toBe("#/components/schemas/Pet");
  });

  it("is an empty list without a webhooks map", () => {
    const doc = petStore();
    delete doc.webhooks;
    expect(readSpec(doc).webhooks()).toEqual([]);
  });
});

describe("references", () => {
  it("resolves a pointer and a $ref chain, keys beside a $ref winning", () => {
    const doc = petStore() as any;
    doc.components.schemas.Alias = { $ref: "#/components/schemas/Pet", description: "an alias" };
    const reader = readSpec(doc);
    expect(reader.get("#/components/schemas/Pet/required")).toEqual(["id"]);
    const alias = reader.resolvePointer<any>("#/components/schemas/Alias");
    expect(alias.value).toMatchObject({ type: "object", description: "an alias" });
    expect(alias.ref).toBe("#/components/schemas/Pet");
    expect(alias.at.pointer).toBe("#/components/schemas/Pet");
    expect(reader.resolve({ type: "string" })).toEqual({ value: { type: "string" }, at: { file: undefined, pointer: "#" }, ref: undefined });
    expect(reader.has("#/paths/~1pets/get")).toBe(true);
    expect(reader.has("#/paths/~1cats")).toBe(false);
  });

  it("names the missing key of a broken $ref and where the $ref is written", () => {
    const doc = petStore() as any;
    doc.paths["/pets"].get.responses["200"] = { $ref: "#/components/responses/Missing" };
    const error = (() => {
      try {
        readSpec(doc).operations();
      } catch (caught) {
        return caught as SpecReferenceError;
      }
      throw new Error("expected a SpecReferenceError");
    })();
    expect(error).toBeInstanceOf(SpecReferenceError);
    expect(error.ref).toBe("#/components/responses/Missing");
    expect(error.message).toBe(
      'Cannot resolve $ref "#/components/responses/Missing" at #/paths/~1pets/get/responses/200: #/components/responses/Missing does not exist in the document: #/components/responses has no "Missing".',
    );
  });

  it("detects a $ref cycle and names the chain", () => {
    const doc = petStore() as any;
    doc.components.schemas.A = { $ref: "#/components/schemas/B" };
    doc.components.schemas.B = { $ref: "#/components/schemas/A" };
    expect(() => readSpec(doc).resolvePointer("#/components/schemas/A")).toThrow(
      "Circular $ref chain starting at #/components/schemas/A: #/components/schemas/B -> #/components/schemas/A -> #/components/schemas/B.",
    );
    doc.components.schemas.Self = { $ref: "#/components/schemas/Self" };
    expect(() => readSpec(doc).resolvePointer("#/components/schemas/Self")).toThrow(SpecReferenceError);
  });

  it("follows a recursive schema one level at a time (recursion is not a cycle)", () => {
    const doc = petStore() as any;
    doc.components.schemas.Tree = { type: "object", properties: { child: { $ref: "#/components/schemas/Tree" } } };
    const tree = readSpec(doc).component<any>("schemas", "Tree").value;
    expect(readSpec(doc).resolve<any>(tree.properties.child).value).toBe(tree);
  });

  it("refuses references to files and URLs in a document given in memory, saying why", () => {
    const doc = petStore() as any;
    doc.components.schemas.Far = { $ref: "other.yaml#/Pet" };
    doc.components.schemas.Web = { $ref: "https://example.com/pet.json" };
    expect(() => readSpec(doc).resolvePointer("#/components/schemas/Far")).toThrow(/names another file, but the document was given in memory/);
    expect(() => readSpec(doc).resolvePointer("#/components/schemas/Web")).toThrow(/is a URL/);
  });

  it("rejects a malformed pointer", () => {
    expect(() => readSpec(petStore()).get("components/schemas")).toThrow(/Malformed JSON pointer "components\/schemas"/);
  });
});

describe("components and examples", () => {
  const reader = readSpec(petStore());

  it("looks a component up by kind and name, and names what exists when it is missing", () => {
    expect(reader.component("schemas", "Pet").value.required).toEqual(["id"]);
    expect(reader.componentNames("examples")).toEqual(["Rex"]);
    expect(reader.componentNames("links")).toEqual([]);
    expect(() => reader.component("schemas", "Cat")).toThrow("No component schemas/Cat (components.schemas has Pet, ErrorCode).");
  });

  it("gives a component example by name", () => {
    expect(reader.example("Rex")).toMatchObject({ name: "Rex", summary: "Rex", value: { id: 1, name: "Rex" } });
    expect(reader.example("Rex").at.pointer).toBe("#/components/examples/Rex");
    expect(() => reader.example("Fido")).toThrow(/No component examples\/Fido/);
  });
});

describe("error codes", () => {
  it("pairs each code with its name, message and description (keyed by code or by index)", () => {
    const reader = readSpec(petStore());
    expect(reader.errorCodes()).toEqual([
      { code: 1003, name: "InvalidInput", message: "Invalid input.", description: "Something is malformed.", otherMessages: [] },
      { code: 42, name: "NoPets", message: "No pets.", description: "The store is empty.", otherMessages: [] },
    ]);
    expect(reader.errorCode(42)?.name).toBe("NoPets");
    expect(reader.errorCode("InvalidInput")?.code).toBe(1003);
    expect(reader.errorCode(7)).toBeUndefined();
  });

  it("gives the further messages of a code that has several", () => {
    const doc = petStore() as any;
    doc.components.schemas.ErrorCode["x-enum-other-messages"] = { "42": ["The store is closed."] };
    expect(readSpec(doc).errorCode(42)?.otherMessages).toEqual(["The store is closed."]);
    expect(readSpec(doc).errorCode(1003)?.otherMessages).toEqual([]);
    doc.components.schemas.ErrorCode["x-enum-other-messages"] = { "42": "The store is closed." };
    expect(() => readSpec(structuredClone(doc)).errorCodes()).toThrow(/x-enum-other-messages entry for 42 must be a list of strings/);
  });

  it("is empty without an ErrorCode schema", () => {
    const doc = petStore() as any;
    delete doc.components.schemas.ErrorCode;
    expect(readSpec(doc).errorCodes()).toEqual([]);
  });

  it("says what is wrong with a malformed ErrorCode schema", () => {
    const broken = (change: (schema: any) => void) => {
      const doc = petStore() as any;
      change(doc.components.schemas.ErrorCode);
      return () => readSpec(doc).errorCodes();
    };
    expect(broken((s) => s["x-enum-varnames"].pop())).toThrow(/one x-enum-varnames entry per enum value \(2\), found 1/);
    expect(broken((s) => (s.enum[1] = "42"))).toThrow(/ErrorCode value "42" is not an integer/);
    expect(broken((s) => (s.enum[1] = 1003))).toThrow(/ErrorCode 1003 is listed twice/);
    expect(broken((s) => delete s.enum)).toThrow(/no `enum` list/);
  });
});

describe("files", () => {
  it("names a file that does not exist", () => {
    expect(() => readSpec(join("no", "such", "openapi.yaml"))).toThrow(/Cannot read .*openapi\.yaml: the file does not exist/);
  });
});
