import { SpecReaderError } from "./errors.js";
import { isJsonObject, type Json, type JsonObject } from "./json.js";
import { HTTP_METHODS } from "./methods.js";
import type {
  Header,
  MediaType,
  NamedExample,
  Operation,
  Parameter,
  ParameterLocation,
  RequestBody,
  Response,
  SchemaHolder,
  Webhook,
} from "./model.js";
import type { Location, Resolver } from "./resolve.js";

const PARAMETER_LOCATIONS: readonly string[] = ["path", "query", "header", "cookie"];

const optionalString = (value: Json | undefined): string | undefined => (typeof value === "string" ? value : undefined);

/** Turns path items (under `paths` or `webhooks`) into typed operations. */
export class OperationBuilder {
  constructor(private readonly resolver: Resolver) {}

  private objectAt(node: Json, at: Location, what: string) {
    const resolved = this.resolver.resolve(node, at);
    if (!isJsonObject(resolved.value)) {
      throw new SpecReaderError(`${what} at ${this.resolver.describe(resolved.at)} is not an object.`);
    }
    return resolved as { value: JsonObject; at: Location; ref: string | undefined };
  }

  example(name: string, raw: Json, at: Location): NamedExample {
    const { value, at: where, ref } = this.objectAt(raw, at, `Example "${name}"`);
    return {
      name,
      value: value.value,
      summary: optionalString(value.summary),
      description: optionalString(value.description),
      externalValue: optionalString(value.externalValue),
      ref,
      at: where,
    };
  }

  examples(node: Json | undefined, at: Location): Record<string, NamedExample> {
    const list: Record<string, NamedExample> = {};
    if (!isJsonObject(node)) return list;
    for (const [name, raw] of Object.entries(node)) list[name] = this.example(name, raw, this.resolver.child(at, name));
    return list;
  }

  private schemaHolder(node: JsonObject, at: Location): SchemaHolder {
    const written = node.schema;
    const schema = written === undefined ? undefined : this.resolver.resolve(written, this.resolver.child(at, "schema"));
    return {
      schema: schema && isJsonObject(schema.value) ? schema.value : undefined,
      schemaRef: schema?.ref,
      schemaAt: written === undefined ? undefined : this.resolver.child(at, "schema"),
      examples: this.examples(node.examples, this.resolver.child(at, "examples")),
      example: node.example,
    };
  }

  content(node: Json | undefined, at: Location): Record<string, MediaType> {
    const byType: Record<string, MediaType> = {};
    if (!isJsonObject(node)) return byType;
    for (const [mediaType, raw] of Object.entries(node)) {
      const { value, at: where } = this.objectAt(raw, this.resolver.child(at, mediaType), `Media type ${mediaType}`);
      byType[mediaType] = { mediaType, ...this.schemaHolder(value, where), at: where, raw: value };
    }
    return byType;
  }

  private parameter(raw: Json, at: Location, level: Parameter["level"], label: string): Parameter {
    const { value, at: where, ref } = this.objectAt(raw, at, `A parameter of ${label}`);
    const name = value.name;
    const location = value.in;
    if (typeof name !== "string" || typeof location !== "string" || !PARAMETER_LOCATIONS.includes(location)) {
      throw new SpecReaderError(
        `The parameter at ${this.resolver.describe(where)} (${label}) needs a string \`name\` and \`in\` one of ${PARAMETER_LOCATIONS.join(", ")}.`,
      );
    }
    return {
      name,
      in: location as ParameterLocation,
      required: value.required === true,
      deprecated: value.deprecated === true,
      description: optionalString(value.description),
      level,
      ...this.schemaHolder(value, where),
      ref,
      at: where,
      raw: value,
    };
  }

  private parameters(item: JsonObject, itemAt: Location, op: JsonObject, opAt: Location, label: string): Parameter[] {
    const merged = new Map<string, Parameter>();
    const add = (list: Json | undefined, listAt: Location, level: Parameter["level"]) => {
      if (list === undefined) return;
      if (!Array.isArray(list)) throw new SpecReaderError(`parameters at ${this.resolver.describe(listAt)} is not a list.`);
      list.forEach((raw, index) => {
        const parameter = this.parameter(raw, this.resolver.child(listAt, index), level, label);
        // Header names are case-insensitive; an operation's parameter replaces the path item's.
        const name = parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name;
        merged.set(`${parameter.in} ${name}`, parameter);
      });
    };
    add(item.parameters, this.resolver.child(itemAt, "parameters"), "path");
    add(op.parameters, this.resolver.child(opAt, "parameters"), "operation");
    return [...merged.values()];
  }

  private requestBody(op: JsonObject, opAt: Location, label: string): RequestBody | undefined {
    if (op.requestBody === undefined) return undefined;
    const { value, at, ref } = this.objectAt(op.requestBody, this.resolver.child(opAt, "requestBody"), `The request body of ${label}`);
    return {
      required: value.required === true,
      description: optionalString(value.description),
      content: this.content(value.content, this.resolver.child(at, "content")),
      ref,
      at,
      raw: value,
    };
  }

  private headers(node: Json | undefined, at: Location): Record<string, Header> {
    const byName: Record<string, Header> = {};
    if (!isJsonObject(node)) return byName;
    for (const [name, raw] of Object.entries(node)) {
      const { value, at: where, ref } = this.objectAt(raw, this.resolver.child(at, name), `Header ${name}`);
      byName[name] = {
        name,
        required: value.required === true,
        description: optionalString(value.description),
        ...this.schemaHolder(value, where),
        ref,
        at: where,
        raw: value,
      };
    }
    return byName;
  }

  private responses(op: JsonObject, opAt: Location, label: string): Record<string, Response> {
    const byStatus: Record<string, Response> = {};
    const responsesAt = this.resolver.child(opAt, "responses");
    if (op.responses === undefined) return byStatus;
    if (!isJsonObject(op.responses)) throw new SpecReaderError(`responses of ${label} is not an object.`);
    for (const [status, raw] of Object.entries(op.responses)) {
      const { value, at, ref } = this.objectAt(raw, this.resolver.child(responsesAt, status), `The ${status} response of ${label}`);
      byStatus[status] = {
        status,
        description: optionalString(value.description),
        headers: this.headers(value.headers, this.resolver.child(at, "headers")),
        content: this.content(value.content, this.resolver.child(at, "content")),
        ref,
        at,
        raw: value,
      };
    }
    return byStatus;
  }

  private integerList(op: JsonObject, key: string, label: string): number[] {
    const value = op[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every((code) => Number.isInteger(code))) {
      throw new SpecReaderError(`${key} of ${label} must be a list of integers, found ${JSON.stringify(value)}.`);
    }
    return value as number[];
  }

  private stringExtension(op: JsonObject, key: string, label: string): string | undefined {
    const value = op[key];
    if (value === undefined) return undefined;
    if (typeof value !== "string" || value === "") {
      throw new SpecReaderError(`${key} of ${label} must be a non-empty string, found ${JSON.stringify(value)}.`);
    }
    return value;
  }

  private fields(item: JsonObject, itemAt: Location, method: (typeof HTTP_METHODS)[number], label: string) {
    const opAt = this.resolver.child(itemAt, method);
    const op = item[method];
    if (!isJsonObject(op)) throw new SpecReaderError(`${label} at ${this.resolver.describe(opAt)} is not an object.`);
    const tags = op.tags ?? [];
    if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === "string")) {
      throw new SpecReaderError(`tags of ${label} must be a list of strings.`);
    }
    const extensions: Record<string, Json> = {};
    for (const [key, value] of Object.entries(op)) if (key.startsWith("x-")) extensions[key] = value;
    return {
      method,
      operationId: optionalString(op.operationId),
      tags: tags as string[],
      summary: optionalString(op.summary),
      description: optionalString(op.description),
      deprecated: op.deprecated === true,
      clientMethod: this.stringExtension(op, "x-client-method", label),
      errorCodes: this.integerList(op, "x-error-codes", label),
      pagination: this.stringExtension(op, "x-pagination", label),
      extensions,
      parameters: this.parameters(item, itemAt, op, opAt, label),
      requestBody: this.requestBody(op, opAt, label),
      responses: this.responses(op, opAt, label),
      label,
      at: opAt,
      raw: op,
    };
  }

  private pathItems(section: "paths" | "webhooks") {
    const sectionAt = this.resolver.root(`#/${section}`);
    const node = this.resolver.find(sectionAt);
    if (node === undefined) return [];
    if (!isJsonObject(node)) throw new SpecReaderError(`${section} is not an object.`);
    return Object.entries(node).map(([key, raw]) => {
      const { value, at } = this.objectAt(raw, this.resolver.child(sectionAt, key), `The path item ${key}`);
      return { key, item: value, at };
    });
  }

  operations(): Operation[] {
    const list: Operation[] = [];
    for (const { key: path, item, at } of this.pathItems("paths")) {
      for (const method of HTTP_METHODS) {
        if (item[method] === undefined) continue;
        list.push({ kind: "path", path, ...this.fields(item, at, method, `${method.toUpperCase()} ${path}`) });
      }
    }
    return list;
  }

  webhooks(): Webhook[] {
    const list: Webhook[] = [];
    for (const { key: event, item, at } of this.pathItems("webhooks")) {
      for (const method of HTTP_METHODS) {
        if (item[method] === undefined) continue;
        list.push({ kind: "webhook", event, ...this.fields(item, at, method, `${method.toUpperCase()} webhook ${event}`) });
      }
    }
    return list;
  }
}
