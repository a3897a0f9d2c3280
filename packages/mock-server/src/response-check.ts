import type { Check, OperationInfo, SpecModel } from "./model.js";

/** A response the mock sent that its own spec does not allow, or a webhook payload it sent (`url`: `webhook <event>`, `status` 0). */
export interface ResponseMismatch {
  method: string;
  url: string;
  /** null for requests no operation matched (404, 405, unreadable requests). */
  operationId: string | null;
  status: number;
  problems: string[];
}

export interface SentResponse {
  status: number;
  headers: Record<string, unknown>;
  /** The serialized body, or undefined when none was sent. */
  payload: string | undefined;
}

function describe(validate: Check): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message ?? "is invalid"}`).join("; ");
}

function headerValue(raw: unknown): unknown {
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (typeof text === "number") return text;
  if (typeof text === "string" && /^-?\d+$/.test(text)) return Number(text);
  return text;
}

/**
 * Checks a response against what the spec documents for its operation and status: the
 * status itself, the JSON body's schema, and the documented headers. Responses outside any
 * operation must be 4xx ErrorEnvelopes.
 */
export function checkResponse(model: SpecModel, op: OperationInfo | null, sent: SentResponse): string[] {
  const problems: string[] = [];
  let validateBody: Check | null;
  if (op) {
    const documented = op.responses.get(sent.status);
    if (!documented) {
      return [`status ${sent.status} is not documented for ${op.operationId}`];
    }
    validateBody = documented.validateBody;
    for (const header of documented.headers) {
      const raw = sent.headers[header.name];
      if (raw === undefined) problems.push(`header ${header.name} is missing`);
      else if (!header.validate(headerValue(raw))) problems.push(`header ${header.name}: ${describe(header.validate)}`);
    }
  } else {
    if (sent.status < 400 || sent.status > 499) problems.push(`status ${sent.status} outside any operation should be a 4xx`);
    validateBody = model.validateErrorEnvelope;
  }
  if (validateBody && sent.payload !== undefined && sent.payload !== "") {
    const type = String(sent.headers["content-type"] ?? "");
    if (!type.startsWith("application/json")) problems.push(`content-type is ${type || "missing"}, not application/json`);
    let body: unknown;
    try {
      body = JSON.parse(sent.payload);
    } catch {
      problems.push("the body is not JSON");
      return problems;
    }
    if (!validateBody(body)) problems.push(`body: ${describe(validateBody)}`);
  } else if (validateBody && sent.payload === undefined) {
    problems.push("the body is missing");
  }
  return problems;
}
