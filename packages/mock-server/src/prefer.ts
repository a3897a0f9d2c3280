import type { OutgoingHttpHeaders } from "node:http";
import type { Answer } from "./answer.js";
import type { NamedExample, OperationInfo, ResponseInfo } from "./model.js";

export interface Preference {
  code?: string;
  example?: string;
}

/**
 * Reads the `code` and `example` preferences (Prism's convention) from a Prefer header such
 * as `code=429, example=tooManyAttempts`. Other preferences are ignored, as RFC 7240 asks.
 */
export function parsePrefer(header: string | string[] | undefined): Preference | null {
  if (header === undefined) return null;
  const text = Array.isArray(header) ? header.join(",") : header;
  let found: Preference | null = null;
  for (const part of text.split(/[,;]/)) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    if (key !== "code" && key !== "example") continue;
    const value = part.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
    found ??= {};
    found[key] = value;
  }
  return found;
}

export type Scenario =
  | { status: number; response: ResponseInfo; example: NamedExample | undefined }
  | { problem: string };

/** Picks the documented response and example a Prefer header asks for. */
export function chooseScenario(op: OperationInfo, preference: Preference): Scenario {
  const label = `${op.method} ${op.path}`;
  const statuses = [...op.responses.keys()].sort((a, b) => a - b);
  let candidates: ResponseInfo[];
  if (preference.code !== undefined) {
    const status = /^\d{3}$/.test(preference.code) ? Number(preference.code) : NaN;
    const response = op.responses.get(status);
    if (!response) {
      return {
        problem: `Prefer: code=${preference.code} is not a documented status of ${label}; documented: ${statuses.join(", ")}.`,
      };
    }
    candidates = [response];
  } else {
    candidates = statuses.map((s) => op.responses.get(s)!);
  }
  if (preference.example === undefined) {
    const response = candidates[0]!;
    return { status: response.status, response, example: response.examples[0] };
  }
  for (const response of candidates) {
    const example = response.examples.find((e) => e.name === preference.example);
    if (example) return { status: response.status, response, example };
  }
  const names = candidates.flatMap((r) => r.examples.map((e) => e.name));
  return {
    problem: `Prefer: example=${preference.example} is not an example of ${label}${
      preference.code !== undefined ? ` for status ${preference.code}` : ""
    }; known: ${[...new Set(names)].join(", ") || "none"}.`,
  };
}

/** The canned answer a Prefer header asks for, or null when it asks for none. It changes no state. */
export function preferredAnswer(op: OperationInfo, header: string | string[] | undefined, retryAfter: string): Answer | null {
  const preference = parsePrefer(header);
  if (!preference) return null;
  const scenario = chooseScenario(op, preference);
  if ("problem" in scenario) return { status: 400, body: { message: scenario.problem, status_code: 400 } };
  const headers: OutgoingHttpHeaders = {};
  if (scenario.status === 429) headers["retry-after"] = retryAfter;
  if (scenario.status === 401) headers["www-authenticate"] = "Bearer";
  return { status: scenario.status, body: scenario.example?.value ?? { message: `Status ${scenario.status}` }, headers };
}
