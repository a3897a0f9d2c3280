import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import type { JsonObject } from "../src/index.js";

/** A small bundled-style document exercising every part the reader models. */
export function petStore(): JsonObject {
  return {
    openapi: "3.1.0",
    info: { title: "Pets", version: "1" },
    paths: {
      "/pets": {
        get: {
          operationId: "listPets",
          tags: ["Pets"],
          summary: "List pets",
          "x-client-method": "pets.list",
          "x-pagination": "viewing",
          parameters: [{ name: "limit", in: "query", schema: { type: "integer" }, examples: { ten: { value: 10 } } }],
          responses: { "200": { $ref: "#/components/responses/PetList" } },
        },
        post: {
          operationId: "createPet",
          tags: ["Pets"],
          summary: "Create a pet",
          "x-client-method": "pets.create",
          "x-error-codes": [1003, 42],
          requestBody: { $ref: "#/components/requestBodies/NewPet" },
          responses: {
            "201": {
              description: "Created",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" }, example: { id: 1, name: "Rex" } } },
            },
            "400": { $ref: "#/components/responses/BadRequest" },
          },
        },
      },
      "/pets/{pet_id}": {
        parameters: [
          { $ref: "#/components/parameters/PetId" },
          { name: "X-Trace", in: "header", description: "path level", schema: { type: "string" } },
        ],
        get: {
          operationId: "getPet",
          parameters: [{ name: "x-trace", in: "header", required: true, description: "operation level", schema: { type: "string" } }],
          responses: { "200": { description: "A pet", content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } } },
        },
        delete: { operationId: "deletePet", responses: { "204": { description: "Gone" } } },
      },
    },
    webhooks: {
      petAdopted: {
        post: {
          operationId: "petAdopted",
          summary: "A pet was adopted",
          requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" }, examples: { rex: { $ref: "#/components/examples/Rex" } } } } },
          responses: { "200": { description: "Received" } },
        },
      },
    },
    components: {
      schemas: {
        Pet: { type: "object", required: ["id"], properties: { id: { type: "integer" }, name: { type: "string" } } },
        ErrorCode: {
          type: "integer",
          enum: [1003, 42],
          "x-enum-varnames": ["InvalidInput", "NoPets"],
          "x-enum-messages": { "1003": "Invalid input.", "42": "No pets." },
          "x-enumDescriptions": ["Something is malformed.", "The store is empty."],
        },
      },
      parameters: {
        PetId: { name: "pet_id", in: "path", required: true, schema: { type: "integer" }, examples: { one: { value: 1 } } },
      },
      requestBodies: {
        NewPet: {
          required: true,
          content: {
            "application/json": { schema: { $ref: "#/components/schemas/Pet" }, examples: { rex: { $ref: "#/components/examples/Rex" } } },
            "application/x-www-form-urlencoded": { schema: { $ref: "#/components/schemas/Pet" } },
          },
        },
      },
      responses: {
        PetList: {
          description: "Pets",
          headers: { "X-Count": { $ref: "#/components/headers/X-Count" } },
          content: {
            "application/json": {
              schema: { type: "array", items: { $ref: "#/components/schemas/Pet" } },
              examples: { two: { summary: "Two pets", value: [{ id: 1 }, { id: 2 }] }, rex: { $ref: "#/components/examples/Rex" } },
            },
          },
        },
        BadRequest: { description: "Bad", content: { "application/json": { schema: { type: "object" } } } },
      },
      headers: { "X-Count": { required: true, schema: { type: "integer", examples: [2] } } },
      examples: { Rex: { summary: "Rex", value: { id: 1, name: "Rex" } } },
    },
  };
}

/** Writes files under a fresh temporary directory and returns the directory. */
export function writeTree(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "spec-reader-"));
  for (const [name, content] of Object.entries(files)) {
    const file = join(dir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, typeof content === "string" ? content : name.endsWith(".json") ? JSON.stringify(content) : stringify(content));
  }
  return dir;
}
