import { SpecReaderError } from "./errors.js";
import { isJsonObject, type Json, type JsonObject } from "./json.js";
import type { ErrorCodeInfo } from "./model.js";

/** An extension keyed by code (`{"1003": ...}`) or listed index by index. */
function perCode(extension: Json | undefined, code: number, index: number, key: string): string | undefined {
  if (extension === undefined) return undefined;
  const value = Array.isArray(extension) ? extension[index] : isJsonObject(extension) ? extension[String(code)] : undefined;
  if (!Array.isArray(extension) && !isJsonObject(extension)) {
    throw new SpecReaderError(`ErrorCode's ${key} must be a list or a map keyed by code.`);
  }
  if (value !== undefined && value !== null && typeof value !== "string") {
    throw new SpecReaderError(`ErrorCode's ${key} entry for ${code} must be a string.`);
  }
  return value ?? undefined;
}

/** `x-enum-other-messages`: a map from code to the further messages documented for it. */
function otherMessages(extension: Json | undefined, code: number): string[] {
  if (extension === undefined) return [];
  if (!isJsonObject(extension)) throw new SpecReaderError("ErrorCode's x-enum-other-messages must be a map keyed by code.");
  const value = extension[String(code)];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((message) => typeof message === "string")) {
    throw new SpecReaderError(`ErrorCode's x-enum-other-messages entry for ${code} must be a list of strings.`);
  }
  return value as string[];
}

/** Reads the ErrorCode schema: `enum` plus x-enum-varnames, x-enum-messages and x-enumDescriptions. */
export function readErrorCodes(schema: JsonObject): ErrorCodeInfo[] {
  const codes = schema.enum;
  if (!Array.isArray(codes)) throw new SpecReaderError("components.schemas.ErrorCode has no `enum` list of codes.");
  const names = schema["x-enum-varnames"];
  if (names !== undefined && (!Array.isArray(names) || names.length !== codes.length)) {
    throw new SpecReaderError(
      `components.schemas.ErrorCode needs one x-enum-varnames entry per enum value (${codes.length}), found ${Array.isArray(names) ? names.length : JSON.stringify(names)}.`,
    );
  }
  const seen = new Set<number>();
  return codes.map((code, index) => {
    if (typeof code !== "number" || !Number.isInteger(code)) {
      throw new SpecReaderError(`ErrorCode value ${JSON.stringify(code)} is not an integer.`);
    }
    if (seen.has(code)) throw new SpecReaderError(`ErrorCode ${code} is listed twice.`);
    seen.add(code);
    return {
      code,
      name: perCode(names, code, index, "x-enum-varnames"),
      message: perCode(schema["x-enum-messages"], code, index, "x-enum-messages"),
      description: perCode(schema["x-enumDescriptions"], code, index, "x-enumDescriptions"),
      otherMessages: otherMessages(schema["x-enum-other-messages"], code),
    };
  });
}
