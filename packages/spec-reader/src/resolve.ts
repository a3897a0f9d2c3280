import { dirname, relative, resolve as resolvePath } from "node:path";
import { SpecReferenceError } from "./errors.js";
import { isJsonObject, type Json, type JsonObject } from "./json.js";
import { loadFile } from "./load.js";
import { childPointer, findAtPointer, getAtPointer } from "./pointer.js";

/** Where a node lives: a JSON pointer in the root document, or in another file a source `$ref` names. */
export interface Location {
  /** Absolute path of the file; undefined for the root of a document given in memory. */
  file: string | undefined;
  /** URI-fragment JSON pointer, e.g. `#/components/schemas/Tier`. */
  pointer: string;
}

export interface Resolved<T = Json> {
  /** The node with its `$ref` chain followed; keys written next to a `$ref` win over the target's. */
  value: T;
  /** Where the last target lives (where the node itself lives when it is not a reference). */
  at: Location;
  /** The last `$ref` followed, as written; undefined when the node is not a reference. */
  ref: string | undefined;
}

const REMOTE = /^[a-z][a-z0-9+.-]*:/i;

/** Follows `$ref`s within one document and, for a document read from a file, into the files it names. */
export class Resolver {
  constructor(
    readonly document: JsonObject,
    readonly file: string | undefined,
  ) {}

  /** `spec/paths/units.yaml#/post` or `#/paths/~1units/post`, for messages. */
  describe(at: Location): string {
    if (at.file === undefined) return at.pointer;
    const name = relative(process.cwd(), at.file) || at.file;
    return at.pointer === "#" ? name : `${name}${at.pointer}`;
  }

  root(pointer = "#"): Location {
    return { file: this.file, pointer };
  }

  child(at: Location, ...keys: (string | number)[]): Location {
    return { file: at.file, pointer: childPointer(at.pointer, ...keys) };
  }

  private documentOf(file: string | undefined): Json {
    return file === undefined || file === this.file ? this.document : loadFile(file);
  }

  /** The node at a location; throws a SpecReferenceError naming the missing key. */
  get(at: Location): Json {
    const where = at.file === undefined ? "the document" : relative(process.cwd(), at.file) || at.file;
    return getAtPointer(this.documentOf(at.file), at.pointer, where);
  }

  find(at: Location): Json | undefined {
    return findAtPointer(this.documentOf(at.file), at.pointer);
  }

  /** Where `ref`, written in the node at `from`, points. */
  target(ref: string, from: Location): Location {
    const hash = ref.indexOf("#");
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const pointer = hash === -1 || hash === ref.length - 1 ? "#" : ref.slice(hash);
    if (filePart === "") return { file: from.file, pointer };
    if (REMOTE.test(filePart)) {
      throw new SpecReferenceError(
        `$ref "${ref}" at ${this.describe(from)} is a URL; only references within the document and to local files are read.`,
        ref,
      );
    }
    if (from.file === undefined) {
      throw new SpecReferenceError(
        `$ref "${ref}" at ${this.describe(from)} names another file, but the document was given in memory: read it from its file instead.`,
        ref,
      );
    }
    return { file: resolvePath(dirname(from.file), decodeURI(filePart)), pointer };
  }

  /** Follows a chain of `$ref`s starting at `node`, which sits at `at`. */
  resolve<T = Json>(node: Json, at: Location): Resolved<T> {
    let current = node;
    let here = at;
    let ref: string | undefined;
    const chain: string[] = [];
    while (isJsonObject(current) && typeof current.$ref === "string") {
      const { $ref, ...siblings } = current;
      const target = this.target($ref, here);
      const key = this.describe(target);
      if (chain.includes(key)) {
        throw new SpecReferenceError(
          `Circular $ref chain starting at ${this.describe(at)}: ${[...chain, key].join(" -> ")}.`,
          $ref,
        );
      }
      chain.push(key);
      let value: Json;
      try {
        value = this.get(target);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new SpecReferenceError(`Cannot resolve $ref "${$ref}" at ${this.describe(here)}: ${reason}`, $ref);
      }
      current = Object.keys(siblings).length > 0 && isJsonObject(value) ? { ...value, ...siblings } : value;
      here = target;
      ref = $ref;
    }
    return { value: current as T, at: here, ref };
  }

  /** The node at a location with its `$ref` chain followed. */
  resolveAt<T = Json>(at: Location): Resolved<T> {
    return this.resolve<T>(this.get(at), at);
  }
}
