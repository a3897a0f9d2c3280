// Turns the generated operations table into `leat.<resource>.<method>(...)`. A resource's
// methods are built the first time it is used, so creating a client and each call cost the same
// whatever the number of operations.
import { OPERATIONS } from "../generated/operations.js";
import type { LeatResources } from "../generated/resources.js";
import type { LeatRequestOptions } from "../client.js";
import { overrides } from "./overrides.js";
import { leatPagePromise, leatPromise, type Answer, type Start } from "./promise.js";

/**
 * The client core: sends one request to baseUrl + path and resolves to the envelope's checked
 * `data`, after handing the parsed envelope and the response to `keep`.
 */
export type Call = (
  method: string,
  path: string,
  dataKind: string,
  options: LeatRequestOptions | undefined,
  body: object | undefined,
  keep: (answer: Answer) => void,
) => Promise<unknown>;

type Method = (...args: unknown[]) => Promise<unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** `leat.<resource>` for every resource of the table, each built on first use. */
export function defineResources(target: object, call: Call): asserts target is LeatResources {
  for (const resource of Object.keys(OPERATIONS)) {
    Object.defineProperty(target, resource, {
      configurable: true,
      enumerable: true,
      get() {
        const methods = buildResource(resource, call);
        Object.defineProperty(target, resource, { value: methods, enumerable: true });
        return methods;
      },
    });
  }
}

function buildResource(resource: string, call: Call): Record<string, Method> {
  const methods: Record<string, Method> = {};
  for (const [name, row] of Object.entries(OPERATIONS[resource]!)) methods[name] = method(`${resource}.${name}`, row, call);
  return methods;
}

// A value that would change the path once the URL is resolved or the server decodes it.
const UNSAFE_SEGMENT = /^\s*$|^\.{1,2}$|[/\\]/;

function method(label: string, row: string, call: Call): Method {
  const [httpMethod, path, dataKind, ...flags] = row.split(" ") as [string, string, string, ...string[]];
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const segments = path.split(/\{[^}]+\}/);
  const body = flags.find((flag) => flag.startsWith("b"));
  const query = flags.includes("q");
  const queryNames = flags.find((flag) => flag.startsWith("q="))?.slice(2).split(",");
  const style = flags.find((flag) => flag.startsWith("p="))?.slice(2);
  const transform = (overrides as unknown as Record<string, ((data: unknown) => unknown) | undefined>)[label];
  const kind = dataKind === "-" ? "" : dataKind;
  const hasParams = body !== undefined || query;

  const send = (url: string, params: Record<string, unknown> | undefined, options: LeatRequestOptions | undefined): Start => (keep) => {
    let bodyFields = body ? params : undefined;
    let queryFields = query ? params : undefined;
    if (queryNames && params) {
      // Both in one object: the spec's query parameter names go to the query string, the rest is the body.
      bodyFields = {};
      queryFields = {};
      for (const [key, value] of Object.entries(params)) (queryNames.includes(key) ? queryFields : bodyFields)[key] = value;
    }
    const data = call(httpMethod, queryFields ? url + queryString(queryFields) : url, kind, options, bodyFields, keep);
    return transform ? data.then(transform) : data;
  };

  return (...args: unknown[]) => {
    const options = args[names.length + (hasParams ? 1 : 0)] as LeatRequestOptions | undefined;
    const params = hasParams ? (args[names.length] as Record<string, unknown> | undefined) : undefined;
    let url = segments[0]!;
    let start: Start;
    // Bad arguments reject (as a call's failures do) and never reach the network.
    try {
      for (let i = 0; i < names.length; i++) url += pathValue(label, names[i]!, args[i]) + segments[i + 1];
      if ((params !== undefined || body === "b") && !isRecord(params)) {
        throw new TypeError(`${label} needs ${body ? "the request body" : "its query parameters"} as an object, got ${describe(params)}`);
      }
      start = send(url, params, options);
    } catch (error) {
      start = () => Promise.reject(error);
    }
    if (!style) return leatPromise(start);
    return leatPagePromise(start, style, (page) => send(url, { ...params, page }, options));
  };
}

function pathValue(label: string, name: string, value: unknown): string {
  const text = typeof value === "number" && Number.isInteger(value) ? String(value) : value;
  if (typeof text !== "string" || UNSAFE_SEGMENT.test(text)) {
    throw new TypeError(
      `${label}: the path parameter ${name} must be a non-empty string without "/" or "\\" and other than "." or "..", got ${describe(value)}`,
    );
  }
  return encodeURIComponent(text);
}

function describe(value: unknown): string {
  return value === undefined ? "undefined" : typeof value === "string" ? JSON.stringify(value) : Array.isArray(value) ? "an array" : String(value === null ? null : typeof value);
}

// Form style, exploded (key=a&key=b) for lists; deepObject (key[sub]=v) for objects.
function queryString(fields: Record<string, unknown> | undefined): string {
  if (!fields) return "";
  const search = new URLSearchParams();
  const add = (key: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) for (const item of value) add(key, item);
    else if (typeof value === "object") for (const [sub, inner] of Object.entries(value)) add(`${key}[${sub}]`, inner);
    else search.append(key, String(value));
  };
  for (const [key, value] of Object.entries(fields)) add(key, value);
  const text = search.toString();
  return text && `?${text}`;
}
