// Turns the SDK call map (sdk-calls.json: SDK method -> operationId -> where each argument
// comes from) into concrete arguments, read from the bundled spec's examples through
// spec-reader. Nothing here restates the spec: a call names its operation, and every value
// is that operation's parameter example, request example or response example.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { readSpec } from "@leat-openapi/spec-reader";

const here = (file) => fileURLToPath(new URL(`../${file}`, import.meta.url));

/** The three parts the SDK check reports on, each a list of the spec's x-tagGroups names. */
export const PARTS = {
  "contacts & identity": ["Account", "Contacts"],
  "earning & spending": ["Earning credits", "Rewards", "Promotions and vouchers", "Orders and products"],
  "giftcards, prepaid, webhooks & operations": ["Giftcards and prepaid", "Portals and automation", "Bookings, visits and shifts", "Webhooks"],
};

export function loadSpec(file = createRequire(import.meta.url).resolve("@leat-openapi/spec/openapi.json")) {
  return readSpec(file);
}

export const loadCalls = () => JSON.parse(readFileSync(here("sdk-calls.json"), "utf8"));
export const loadExcluded = () => JSON.parse(readFileSync(here("sdk-excluded.json"), "utf8"));

/** The part an operation belongs to, from its tag's x-tagGroups entry. */
export function partOf(spec, operationId) {
  const tag = spec.operation(operationId).tags[0];
  const group = (spec.get("#/x-tagGroups") ?? []).find((g) => g.tags.includes(tag));
  const part = Object.keys(PARTS).find((name) => group && PARTS[name].includes(group.name));
  if (!part) throw new Error(`${operationId}: its tag ${tag} is in no part of the check (x-tagGroups entry ${group?.name ?? "missing"})`);
  return part;
}

function parameterExample(parameter) {
  if (parameter.example !== undefined) return parameter.example;
  const named = Object.values(parameter.examples)[0];
  if (named?.value !== undefined) return named.value;
  const schema = parameter.schema ?? {};
  return schema.examples?.[0] ?? schema.example ?? schema.default;
}

function requestExample(op, name) {
  const examples = Object.values(op.requestBody?.content["application/json"]?.examples ?? {});
  const example = name ? examples.find((e) => e.name === name) : examples[0];
  if (!example) throw new Error(`${op.operationId} has no JSON request example${name ? ` named ${name}` : ""}`);
  return example.value;
}

function successExample(op) {
  const status = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s)).sort()[0];
  const example = status && Object.values(op.responses[status].content["application/json"]?.examples ?? {})[0];
  if (!example) throw new Error(`${op.operationId} has no success response example`);
  return example.value;
}

/**
 * One argument: "path.<name>", "query.<name>" (the parameter's example), "body.<a>.<b>" (the
 * request example's field); a trailing "?" makes a missing value null instead of an error.
 * Objects: {value} (a literal, for SDK parameters the API does not have), {fields: {k: arg}},
 * {date: arg} (a PHP DateTime), {mapper, response: operationId} (that operation's success
 * example's `data`, through the SDK's mapper: for SDK methods that take a model).
 */
export function buildArgument(spec, op, arg, exampleName) {
  const where = `${op.operationId}, argument ${JSON.stringify(arg)}`;
  if (typeof arg === "string") {
    const optional = arg.endsWith("?");
    const [source, ...path] = (optional ? arg.slice(0, -1) : arg).split(".");
    let value;
    if (source === "path" || source === "query") {
      const parameter = op.parameters.find((p) => p.in === source && p.name === path.join("."));
      if (!parameter) throw new Error(`${where}: ${op.label} has no ${source} parameter ${path.join(".")}`);
      value = parameterExample(parameter);
    } else if (source === "body") {
      value = path.reduce((at, key) => (at == null ? undefined : at[key]), requestExample(op, exampleName));
    } else {
      throw new Error(`${where}: an argument is path.<name>, query.<name> or body.<field>`);
    }
    if (value === undefined && !optional) throw new Error(`${where}: the spec's examples give no value (add "?" if the SDK may get null)`);
    return value ?? null;
  }
  if (arg && typeof arg === "object") {
    if ("value" in arg) return arg.value;
    if ("fields" in arg) return Object.fromEntries(Object.entries(arg.fields).map(([k, v]) => [k, buildArgument(spec, op, v, exampleName)]));
    if ("date" in arg) return { $date: buildArgument(spec, op, arg.date, exampleName) };
    if ("mapper" in arg) return { $mapper: arg.mapper, data: successExample(spec.operation(arg.response)).data };
  }
  throw new Error(`${where}: not an argument description`);
}

/** The calls as the PHP runner takes them, each with its operation, part and concrete arguments. */
export function buildPlan(spec, calls = loadCalls()) {
  return calls.map((entry, index) => {
    const op = spec.operation(entry.operationId);
    return {
      id: index,
      call: entry.call,
      operationId: entry.operationId,
      part: partOf(spec, entry.operationId),
      errorCodes: op.errorCodes,
      args: entry.args.map((arg) => buildArgument(spec, op, arg, entry.example)),
      returns: entry.returns,
    };
  });
}
