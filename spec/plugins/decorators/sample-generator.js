// Writes an operation's TypeScript and cURL samples from the bundled document, so no sample
// is hand-written per operation (spec/code_samples/README.md). Samples are shown in a panel
// about 400 px wide: lines stay within WIDTH characters wherever a value allows it.
//
// TypeScript: `leat.<x-client-method>(pathParam..., { body or query })`, path parameters in
// path order from their examples, then the first JSON request example, or else the query
// parameters' examples. cURL: the method, URL, headers and the same JSON body.

export const WIDTH = 60;

const isObject = (node) => !!node && typeof node === "object" && !Array.isArray(node);

/** Follows `#/...` references inside the bundled document. */
export function follow(doc, node) {
  let current = node;
  for (let i = 0; i < 20 && isObject(current) && typeof current.$ref === "string" && current.$ref.startsWith("#/"); i++) {
    current = current.$ref
      .slice(2)
      .split("/")
      .map((part) => decodeURIComponent(part).replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((at, key) => (isObject(at) ? at[key] : undefined), doc);
  }
  return current;
}

const NO_EXAMPLE = Symbol("no example");

/** The first example a parameter, media type or schema gives, or NO_EXAMPLE. */
function exampleOf(doc, node) {
  const target = follow(doc, node);
  if (!isObject(target)) return NO_EXAMPLE;
  if (isObject(target.examples)) {
    for (const example of Object.values(target.examples)) {
      const resolved = follow(doc, example);
      if (isObject(resolved) && "value" in resolved) return resolved.value;
    }
  }
  if ("example" in target) return target.example;
  const schema = follow(doc, target.schema);
  if (isObject(schema)) {
    if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
    if ("example" in schema) return schema.example;
    if ("default" in schema) return schema.default;
  }
  return NO_EXAMPLE;
}

/** The operation's parameters (path item's, overridden by the operation's), resolved. */
export function parametersOf(doc, item, operation) {
  const byKey = new Map();
  for (const raw of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
    const parameter = follow(doc, raw);
    if (isObject(parameter)) byKey.set(`${parameter.in} ${parameter.name}`, parameter);
  }
  return [...byKey.values()];
}

/** What a sample sends: path values in path order, query values, and the JSON body. */
export function requestOf(doc, path, item, operation) {
  const parameters = parametersOf(doc, item, operation);
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const pathValues = names.map((name) => {
    const parameter = parameters.find((p) => p.in === "path" && p.name === name);
    const value = parameter ? exampleOf(doc, parameter) : NO_EXAMPLE;
    return { name, value: value === NO_EXAMPLE ? `<${name}>` : value };
  });
  const query = [];
  for (const parameter of parameters.filter((p) => p.in === "query")) {
    const value = exampleOf(doc, parameter);
    if (value !== NO_EXAMPLE) query.push([parameter.name, value]);
    else if (parameter.required) query.push([parameter.name, `<${parameter.name}>`]);
  }
  const body = follow(doc, operation.requestBody);
  const json = isObject(body?.content) ? body.content["application/json"] : undefined;
  const bodyValue = json ? exampleOf(doc, json) : NO_EXAMPLE;
  return { pathValues, query, body: bodyValue === NO_EXAMPLE ? undefined : bodyValue };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A JavaScript literal, on one line when it fits in `room` characters, else indented. */
export function literal(value, indent = "", room = WIDTH) {
  const flat = flatLiteral(value);
  if (flat.length <= room || !value || typeof value !== "object") return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((v) => `${inner}${literal(v, inner, WIDTH - inner.length - 1)},`);
    return `[\n${items.join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  const lines = entries.map(([k, v]) => {
    const key = IDENTIFIER.test(k) ? k : JSON.stringify(k);
    const line = `${inner}${key}: ${literal(v, inner, WIDTH - inner.length - key.length - 3)},`;
    // A long key with a long scalar (a UUID, say): the value goes on the next line.
    if (line.length > WIDTH && (!v || typeof v !== "object")) return `${inner}${key}:\n${inner}  ${flatLiteral(v)},`;
    return line;
  });
  return `{\n${lines.join("\n")}\n${indent}}`;
}

function flatLiteral(value) {
  if (Array.isArray(value)) return `[${value.map(flatLiteral).join(", ")}]`;
  if (isObject(value)) {
    const entries = Object.entries(value).map(([k, v]) => `${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${flatLiteral(v)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/**
 * @param {{ clientMethod: string, request: ReturnType<typeof requestOf> }} input
 * @returns {string}
 */
export function typescriptSample({ clientMethod, request }) {
  const args = request.pathValues.map((p) => p.value);
  const options = request.body ?? (request.query.length > 0 ? Object.fromEntries(request.query) : undefined);
  if (options !== undefined) args.push(options);
  const head = `const result = await leat.${clientMethod}(`;
  const oneLine = `${head}${args.map(flatLiteral).join(", ")});`;
  // A long method name: `await` goes on a line of its own, and what follows is indented.
  const split = head.length + 1 > WIDTH;
  const open = split ? `const result =\n  await leat.${clientMethod}(` : head;
  const pad = split ? "  " : "";
  let call;
  if (oneLine.length <= WIDTH) call = oneLine;
  else if (args.length === 1 && isObject(args[0])) call = `${open}${literal(args[0], pad, 0)});`;
  else call = `${open}\n${args.map((a) => `${pad}  ${literal(a, `${pad}  `, WIDTH - pad.length - 3)},`).join("\n")}\n${pad});`;
  return [
    'import { createLeatClient } from "@leat-openapi/client";',
    "",
    "// LEAT_BASE_URL: unset for Leat, or the mock server's URL",
    "const leat = createLeatClient({",
    "  apiKey: process.env.LEAT_API_KEY!,",
    "  baseUrl: process.env.LEAT_BASE_URL,",
    "});",
    "",
    call,
    "console.log(JSON.stringify(result, null, 2));",
    "",
  ].join("\n");
}

const shellQuote = (text) => `'${text.replaceAll("'", "'\\''")}'`;
const shellVariable = (name) => name.replace(/[^A-Za-z0-9]+/g, "_").toUpperCase();

/** JSON for `--data`, one line when it fits, else indented by two spaces per level. */
function jsonBody(value) {
  const flat = JSON.stringify(value).replace(/([,:])(?=["{[\d\-tfn])/g, "$1 ");
  if (flat.length <= WIDTH - 12) return flat;
  return JSON.stringify(value, null, 2)
    .split("\n")
    .map((line) => {
      // a long "key": value pair breaks after the colon (still JSON)
      const pair = /^(\s*)("(?:[^"\\]|\\.)*":) (.+)$/.exec(line);
      return pair && line.length + 2 > WIDTH ? `${pair[1]}${pair[2]}\n${pair[1]}  ${pair[3]}` : line;
    })
    .join("\n")
    .split("\n")
    .join("\n  ");
}

/** A shell variable for a path parameter, short enough for `NAME=value` to fit the width. */
function variableFor(name, value, path) {
  const words = shellVariable(name).split("_");
  let variable = words.join("_");
  const fits = () => variable.length + 1 + value.length <= WIDTH && `  "$URL${path}" \\`.length + variable.length - name.length <= WIDTH;
  // drop leading words (COLLECTABLE_REWARD_REDEMPTION_UUID -> REDEMPTION_UUID) while too long
  while (!fits() && words.length > 2) {
    words.shift();
    variable = words.join("_");
  }
  return variable;
}

/** A shell word: bare when it needs no quoting, else single-quoted. */
const shellWord = (text) => (/^[A-Za-z0-9._:/=@%+,-]+$/.test(text) ? text : shellQuote(text));

/**
 * @param {{ method: string, path: string, server: string, request: ReturnType<typeof requestOf> }} input
 * @returns {string}
 */
export function curlSample({ method, path, server, request }) {
  // LEAT_BASE_URL: unset for Leat, or the mock server's URL
  const lines = [`LEAT=${server}`, "URL=${LEAT_BASE_URL:-$LEAT}"];
  let url = path;
  for (const { name, value } of request.pathValues) {
    const word = shellWord(String(value));
    const variable = variableFor(name, word, path);
    lines.push(`${variable}=${word}`);
    url = url.replace(`{${name}}`, `$${variable}`);
  }
  const verb = method.toUpperCase();
  const asGet = request.query.length > 0 && request.body === undefined;
  if (request.query.length > 0 && !asGet) {
    url += `?${request.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join("&")}`;
  }
  const options = [];
  if (verb !== "GET") options.push(`--request ${verb}`);
  options.push('--header "Authorization: Bearer $LEAT_API_KEY"', '--header "Accept: application/json"');
  if (asGet) {
    options.push("--get");
    // last, so that a long value on a continuation line of its own needs no trailing `\`
    const words = request.query.map(([k, v]) => shellWord(`${k}=${typeof v === "string" ? v : JSON.stringify(v)}`));
    // the longest last (curl does not mind the order of query parameters)
    for (const word of words.sort((a, b) => a.length - b.length)) {
      options.push(word.length + 21 > WIDTH ? `--data-urlencode \\\n  ${word}` : `--data-urlencode ${word}`);
    }
  }
  if (request.body !== undefined) {
    options.push('--header "Content-Type: application/json"', `--data ${shellQuote(jsonBody(request.body))}`);
  }
  lines.push(
    "",
    "curl --fail-with-body --silent --show-error \\",
    `  "$URL${url}" \\`,
    ...options.map((option, i) => `  ${option}${i === options.length - 1 ? "" : " \\"}`),
    "",
  );
  return lines.join("\n");
}
