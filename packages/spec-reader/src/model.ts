import type { Json, JsonObject } from "./json.js";
import type { HttpMethod } from "./methods.js";
import type { Location } from "./resolve.js";

/** A named example (`examples: { name: ... }`), its `$ref` followed. */
export interface NamedExample {
  name: string;
  /** `value`; undefined when the example only has an `externalValue`. */
  value: Json | undefined;
  summary: string | undefined;
  description: string | undefined;
  externalValue: string | undefined;
  /** The `$ref` it was reached through, e.g. `#/components/examples/TierList`. */
  ref: string | undefined;
  /** Where the Example Object lives. */
  at: Location;
}

/** What schema-bearing objects (media types, parameters, headers) share. */
export interface SchemaHolder {
  /** The schema with its top-level `$ref` followed (nested `$ref`s stay as written). */
  schema: JsonObject | undefined;
  /** The `$ref` the schema was written as, e.g. `#/components/schemas/Tier`. */
  schemaRef: string | undefined;
  /** Where the schema is written (its `$ref` not followed): compile this pointer to validate. */
  schemaAt: Location | undefined;
  /** Named examples, in the order written. */
  examples: Record<string, NamedExample>;
  /** The single `example`, when one is written. */
  example: Json | undefined;
}

export interface MediaType extends SchemaHolder {
  mediaType: string;
  at: Location;
  raw: JsonObject;
}

export type ParameterLocation = "path" | "query" | "header" | "cookie";

export interface Parameter extends SchemaHolder {
  name: string;
  in: ParameterLocation;
  required: boolean;
  deprecated: boolean;
  description: string | undefined;
  /** Written on the path item (shared by its operations) or on the operation. */
  level: "path" | "operation";
  /** The `$ref` the parameter was written as, e.g. `#/components/parameters/ContactUuid`. */
  ref: string | undefined;
  at: Location;
  raw: JsonObject;
}

export interface Header extends SchemaHolder {
  name: string;
  required: boolean;
  description: string | undefined;
  ref: string | undefined;
  at: Location;
  raw: JsonObject;
}

export interface RequestBody {
  required: boolean;
  description: string | undefined;
  /** By media type, in the order written. */
  content: Record<string, MediaType>;
  ref: string | undefined;
  at: Location;
  raw: JsonObject;
}

export interface Response {
  /** As written: `200`, `4XX` or `default`. */
  status: string;
  description: string | undefined;
  /** By header name as written. */
  headers: Record<string, Header>;
  /** By media type, in the order written. */
  content: Record<string, MediaType>;
  ref: string | undefined;
  at: Location;
  raw: JsonObject;
}

interface OperationFields {
  method: HttpMethod;
  operationId: string | undefined;
  tags: string[];
  summary: string | undefined;
  description: string | undefined;
  deprecated: boolean;
  /** `x-client-method`, e.g. `units.create`. */
  clientMethod: string | undefined;
  /** `x-error-codes`: the error codes the operation documents; [] when it names none. */
  errorCodes: number[];
  /** `x-pagination`: the list's pagination style, e.g. `viewing`. */
  pagination: string | undefined;
  /** Every `x-` key of the operation, as written. */
  extensions: Record<string, Json>;
  /** Path-level parameters merged with the operation's (which replace them by `in` + name). */
  parameters: Parameter[];
  requestBody: RequestBody | undefined;
  /** By status as written. */
  responses: Record<string, Response>;
  /** `GET /units` or `POST webhook contactCreated`, for messages. */
  label: string;
  at: Location;
  raw: JsonObject;
}

/** An operation under `paths`. */
export interface Operation extends OperationFields {
  kind: "path";
  path: string;
}

/** An operation under `webhooks`: a request the API sends to the receiver's URL. */
export interface Webhook extends OperationFields {
  kind: "webhook";
  /** The key under `webhooks`, e.g. `contactCreated`. */
  event: string;
}

export interface ErrorCodeInfo {
  code: number;
  /** From `x-enum-varnames`, e.g. `UnitAlreadyExists`. */
  name: string | undefined;
  /** From `x-enum-messages`: the message the API sends with the code. */
  message: string | undefined;
  /** From `x-enumDescriptions`: what the code means. */
  description: string | undefined;
  /** From `x-enum-other-messages`: further messages Leat documents for the same code. */
  otherMessages: string[];
}
