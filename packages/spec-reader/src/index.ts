export { readErrorCodes } from "./error-codes.js";
export { SpecReaderError, SpecReferenceError } from "./errors.js";
export { isJsonObject, type Json, type JsonObject } from "./json.js";
export { loadFile } from "./load.js";
export { HTTP_METHODS, isHttpMethod, type HttpMethod } from "./methods.js";
export type {
  ErrorCodeInfo,
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
export {
  childPointer,
  escapePointerSegment,
  findAtPointer,
  formatPointer,
  getAtPointer,
  parsePointer,
  unescapePointerSegment,
} from "./pointer.js";
export { readSpec, SpecReader, type ComponentKind } from "./reader.js";
export { Resolver, type Location, type Resolved } from "./resolve.js";
