import { resolve as resolvePath } from "node:path";
import { readErrorCodes } from "./error-codes.js";
import { SpecReaderError } from "./errors.js";
import { isJsonObject, type Json, type JsonObject } from "./json.js";
import { loadFile } from "./load.js";
import type { HttpMethod } from "./methods.js";
import type { ErrorCodeInfo, NamedExample, Operation, Webhook } from "./model.js";
import { OperationBuilder } from "./operations.js";
import { childPointer } from "./pointer.js";
import { Resolver, type Location, type Resolved } from "./resolve.js";

/** The component sections of OpenAPI 3.1. */
export type ComponentKind =
  | "schemas"
  | "responses"
  | "parameters"
  | "examples"
  | "requestBodies"
  | "headers"
  | "securitySchemes"
  | "links"
  | "callbacks"
  | "pathItems";

/**
 * One OpenAPI document, read once: everything it computes is kept, so asking twice is free.
 * Values it returns are the document's own objects: copy (structuredClone) before changing one.
 */
export class SpecReader {
  readonly resolver: Resolver;
  private readonly builder: OperationBuilder;
  private cachedOperations: Operation[] | undefined;
  private cachedWebhooks: Webhook[] | undefined;
  private cachedErrorCodes: ErrorCodeInfo[] | undefined;

  constructor(
    readonly document: JsonObject,
    /** Absolute path of the file the document was read from, when it was. */
    readonly file?: string,
  ) {
    this.resolver = new Resolver(document, file);
    this.builder = new OperationBuilder(this.resolver);
  }

  private location(at: Location | string): Location {
    return typeof at === "string" ? this.resolver.root(at) : at;
  }

  /** The value at a JSON pointer (`#/components/schemas/Tier`); throws when it does not exist. */
  get(pointer: string): Json {
    return this.resolver.get(this.resolver.root(pointer));
  }

  has(pointer: string): boolean {
    return this.resolver.find(this.resolver.root(pointer)) !== undefined;
  }

  /**
   * Follows `node`'s `$ref` chain. `at` is where the node sits (a pointer in this document, or
   * a Location); it matters only for references to other files, which are relative to it.
   */
  resolve<T = Json>(node: Json, at: Location | string = "#"): Resolved<T> {
    return this.resolver.resolve<T>(node, this.location(at));
  }

  /** The node at a pointer, its `$ref` chain followed. */
  resolvePointer<T = Json>(pointer: string): Resolved<T> {
    return this.resolver.resolveAt<T>(this.resolver.root(pointer));
  }

  /** Every operation under `paths`, in document order (paths, then methods in HTTP_METHODS order). */
  operations(): readonly Operation[] {
    this.cachedOperations ??= this.builder.operations();
    return this.cachedOperations;
  }

  /** The operation with this operationId; throws naming the id when there is none. */
  operation(operationId: string): Operation {
    const found = this.operations().find((op) => op.operationId === operationId);
    if (!found) throw new SpecReaderError(`No operation has operationId "${operationId}".`);
    return found;
  }

  /** The operation at a method and a path exactly as the spec writes it (`/units/{unit_uuid}`). */
  findOperation(method: HttpMethod | Uppercase<HttpMethod>, path: string): Operation | undefined {
    const verb = method.toLowerCase();
    return this.operations().find((op) => op.method === verb && op.path === path);
  }

  /** Every operation under `webhooks`: one per event and method. */
  webhooks(): readonly Webhook[] {
    this.cachedWebhooks ??= this.builder.webhooks();
    return this.cachedWebhooks;
  }

  /** The webhook for an event (and method, when the event has several); throws when there is none. */
  webhook(event: string, method?: HttpMethod): Webhook {
    const matches = this.webhooks().filter((w) => w.event === event && (method === undefined || w.method === method));
    if (matches.length === 0) throw new SpecReaderError(`No webhook "${event}"${method ? ` with method ${method}` : ""}.`);
    if (matches.length > 1) throw new SpecReaderError(`Webhook "${event}" has several methods; name one.`);
    return matches[0]!;
  }

  /** The names under `components.<kind>`, in document order. */
  componentNames(kind: ComponentKind): string[] {
    const section = this.resolver.find(this.resolver.root(childPointer("#/components", kind)));
    return isJsonObject(section) ? Object.keys(section) : [];
  }

  /** `components.<kind>.<name>`, its `$ref` chain followed; throws naming it when missing. */
  component<T = JsonObject>(kind: ComponentKind, name: string): Resolved<T> {
    const pointer = childPointer("#/components", kind, name);
    if (!this.has(pointer)) {
      const known = this.componentNames(kind);
      throw new SpecReaderError(
        `No component ${kind}/${name}${known.length > 0 ? ` (components.${kind} has ${known.join(", ")})` : ` (components.${kind} is empty)`}.`,
      );
    }
    return this.resolvePointer<T>(pointer);
  }

  /** A component example by name (`components.examples.<name>`). */
  example(name: string): NamedExample {
    this.component("examples", name);
    const at = this.resolver.root(childPointer("#/components/examples", name));
    return this.builder.example(name, this.resolver.get(at), at);
  }

  /**
   * The documented error codes from `components.schemas.ErrorCode`, with their names, messages
   * and descriptions; [] when the document has no ErrorCode schema.
   */
  errorCodes(): readonly ErrorCodeInfo[] {
    if (!this.cachedErrorCodes) {
      this.cachedErrorCodes = this.componentNames("schemas").includes("ErrorCode")
        ? readErrorCodes(this.component("schemas", "ErrorCode").value)
        : [];
    }
    return this.cachedErrorCodes;
  }

  /** One error code by number or by its x-enum-varnames name. */
  errorCode(codeOrName: number | string): ErrorCodeInfo | undefined {
    return this.errorCodes().find((info) => (typeof codeOrName === "number" ? info.code === codeOrName : info.name === codeOrName));
  }
}

const byDocument = new WeakMap<JsonObject, SpecReader>();

/**
 * A reader for a parsed document, or for a file (.json, .yaml, .yml) whose relative `$ref`s to
 * other files are followed too (so the spec's sources can be read as well as its bundle).
 * Readers are kept per document, so every caller shares what has been computed.
 */
export function readSpec(input: JsonObject | string): SpecReader {
  const file = typeof input === "string" ? resolvePath(input) : undefined;
  const document = typeof input === "string" ? loadFile(input) : input;
  if (!isJsonObject(document)) {
    throw new SpecReaderError(`${file ?? "The document"} is not an OpenAPI document (expected an object at its root).`);
  }
  const cached = byDocument.get(document);
  if (cached && cached.file === file) return cached;
  const reader = new SpecReader(document, file);
  byDocument.set(document, reader);
  return reader;
}
