#!/usr/bin/env node
// Writes a synthetic spec source tree of any size, built the way spec/ is: a copy of the real
// spec (its components, its four operations, its plugins and redocly.yaml), plus synthetic
// operations over the tag groups the real x-tagGroups names, following the conventions of
// spec/README.md (x-client-method, x-error-codes from ErrorCode, x-pagination with the style's
// meta component, path parameters, JSON and form bodies, named examples) and webhook events.
// Deterministic: the same options give the same files.
//
//   node src/generate.mjs --out DIR [--operations 170] [--resources 40] [--webhooks N] [--seed 1]
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { operationsWithRules } from "@leat-openapi/mock-server";
import { readErrorCodes, readSpec } from "@leat-openapi/spec-reader";
import { parse, stringify } from "yaml";
import { seeded } from "./random.mjs";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const realSpecDir = join(repoRoot, "spec");

/**
 * The real paths every synthetic spec keeps: those of the operations the mock server answers by
 * rules (it refuses a spec without them), read from the mock so a new module needs no edit here.
 * The rest of the real spec is left out, so a synthetic spec of N operations has N operations
 * however large the real one has grown.
 */
const withRules = new Set(operationsWithRules);
export const KEPT_PATHS = new Set(
  readSpec(join(realSpecDir, "openapi.yaml"))
    .operations()
    .filter((op) => op.operationId !== undefined && withRules.has(op.operationId))
    .map((op) => op.path),
);

/** The kept real operations: the smallest size a synthetic spec can have. */
export function realOperationCount() {
  return readSpec(join(realSpecDir, "openapi.yaml"))
    .operations()
    .filter((op) => KEPT_PATHS.has(op.path)).length;
}

/** Error codes every 400 gets from the decorator (redocly.yaml); listing them again is redundant. */
function commonErrorCodes() {
  const config = parse(readFileSync(join(repoRoot, "redocly.yaml"), "utf8"));
  return new Set(config.decorators?.["leat/shared-parts"]?.commonErrorCodes ?? []);
}

const words = (name) => name.split(/[^A-Za-z0-9]+/).filter(Boolean);
const pascal = (name) =>
  words(name)
    .map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase())
    .join("");
const camel = (name) => pascal(name).replace(/^./, (c) => c.toLowerCase());
const kebab = (name) =>
  words(name)
    .map((w) => w.toLowerCase())
    .join("-");
const snake = (name) =>
  words(name)
    .map((w) => w.toLowerCase())
    .join("_");
const singular = (name) =>
  name
    .replace(/ies$/, "y")
    .replace(/(ss|sh|ch|x)es$/, "$1")
    .replace(/s$/, "");
/** The file name spec/paths/ gives a path: without the leading `/`, other `/` as `_`. */
export const pathFile = (path) => `${path.slice(1).split("/").join("_")}.yaml`;

// What a synthetic resource's fields are drawn from: scalar kinds, and the real shared
// components a Leat resource embeds (spec/components/schemas).
const FIELDS = [
  ["name", { type: "string", description: "The name shown to people.", examples: ["Summer campaign"] }],
  ["label", { type: "string", description: "A short label.", examples: ["Summer"] }],
  ["description", { type: ["string", "null"], description: "Free text, or `null` when none was given.", examples: ["Double credits in July"] }],
  ["amount", { type: "number", description: "An amount in the account's currency.", examples: [12.5] }],
  ["count", { type: "integer", description: "How many there are.", examples: [3] }],
  ["is_active", { type: "boolean", description: "Whether it is in use.", examples: [true] }],
  ["created_at", { type: "string", format: "date-time", description: "When it was created.", examples: ["2023-11-06T14:39:24+00:00"] }],
  ["status", { type: "string", description: "Its state.", examples: ["active"] }],
  ["position", { type: "integer", description: "Its place in lists, lowest first.", examples: [1] }],
];
const EMBEDS = [
  ["contact", "ContactRef"],
  ["shop", "ShopRef"],
  ["media", "Media"],
  ["unit", "EmbeddedUnit"],
  ["credit_balance", "CreditBalance"],
];
const PAGINATION = [
  ["viewing", "MetaViewing"],
  ["per-page", "MetaPerPage"],
  ["laravel", "MetaLaravel"],
  ["current-page", "MetaCurrentPage"],
  ["array", "MetaArray"],
];
// The order in which a resource gets operations: every resource gets a list before any gets a
// second operation, and so on.
const KINDS = ["list", "create", "get", "update", "delete", "action"];

/**
 * An example value for a schema, from its `examples`, `enum`, `const` or type, following
 * `$ref`s to component files. The examples of the real components validate against them, so
 * what this builds does too.
 */
function sample(schema, file) {
  if (schema.$ref) {
    const target = resolve(dirname(file), schema.$ref);
    return sample(parse(readFileSync(target, "utf8")), target);
  }
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ("default" in schema) return schema.default;
  const branch = schema.oneOf?.[0] ?? schema.anyOf?.[0] ?? schema.allOf?.[0];
  if (branch) return sample(branch, file);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "object" || schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, sample(value, file)]));
  }
  if (type === "array") return schema.items && Object.keys(schema.items).length > 0 ? [sample(schema.items, file)] : [];
  if (type === "string") return schema.format === "uuid" ? "00000000-0000-4000-8000-000000000000" : "text";
  if (type === "integer" || type === "number") return schema.minimum ?? 1;
  if (type === "boolean") return true;
  return null;
}

const uuidFor = (n) => `${(0x1000000 + n).toString(16).padStart(8, "0")}-5c1e-4a1e-8b1e-${n.toString(16).padStart(12, "0")}`;

/**
 * @param {{ out: string, operations?: number, resources?: number, webhooks?: number, seed?: number }} options
 * @returns {{ root: string, redocly: string, operations: number, resources: number, webhooks: number }}
 */
export function generateSpec(options) {
  const out = resolve(options.out);
  const total = options.operations ?? 170;
  const resourceCount = options.resources ?? 40;
  const seed = options.seed ?? 1;
  const random = seeded(seed);
  if (!Number.isInteger(total) || total < 1) throw new Error(`operations must be a positive integer, not ${total}`);
  if (!Number.isInteger(resourceCount) || resourceCount < 1) throw new Error(`resources must be a positive integer, not ${resourceCount}`);

  rmSync(out, { recursive: true, force: true });
  const specDir = join(out, "spec");
  cpSync(realSpecDir, specDir, { recursive: true, filter: (source) => !/[\\/](dist|node_modules|test)$/.test(source) });
  const redocly = join(out, "redocly.yaml");
  cpSync(join(repoRoot, "redocly.yaml"), redocly);

  const rootFile = join(specDir, "openapi.yaml");
  const root = parse(readFileSync(rootFile, "utf8"));
  root.paths = Object.fromEntries(Object.entries(root.paths).filter(([path]) => KEPT_PATHS.has(path)));
  root.webhooks = {};
  writeFileSync(rootFile, stringify(root, { lineWidth: 0, aliasDuplicateObjects: false }));
  const real = readSpec(rootFile);
  const realOperations = real.operations().length;
  const realTags = new Set(real.operations().flatMap((op) => op.tags));
  // the kept operations' tags; the generator declares the others it uses, and Webhooks
  root.tags = root.tags.filter((tag) => realTags.has(tag.name));
  const synthetic = Math.max(0, total - realOperations);
  const webhookCount = options.webhooks ?? Math.round((12 * total) / 170);

  const codes = readErrorCodes(parse(readFileSync(join(specDir, "components", "schemas", "ErrorCode.yaml"), "utf8")))
    .map((c) => c.code)
    .filter((code) => !commonErrorCodes().has(code));
  const groups = root["x-tagGroups"].filter((g) => g.name !== "Webhooks");
  // The groups' tags the real operations do not use yet; once they are all taken, tags of a
  // "Synthetic" group of their own.
  const wanted = Math.max(1, Math.min(resourceCount - realTags.size, synthetic));
  const available = groups.flatMap((g) => g.tags).filter((tag) => !realTags.has(tag));
  const extra = Array.from({ length: Math.max(0, wanted - available.length) }, (_, i) => `Synthetic ${i + 1}`);
  const resourceTags = synthetic > 0 ? [...available, ...extra].slice(0, wanted) : [];
  if (resourceTags.some((tag) => extra.includes(tag))) {
    root["x-tagGroups"].push({ name: "Synthetic", tags: resourceTags.filter((tag) => extra.includes(tag)) });
  }

  mkdirSync(join(specDir, "paths"), { recursive: true });
  mkdirSync(join(specDir, "webhooks"), { recursive: true });
  const items = new Map(); // path -> path item
  const item = (path) => items.get(path) ?? items.set(path, {}).get(path);
  const schemaFile = (name) => join(specDir, "components", "schemas", `${name}.yaml`);

  const resources = resourceTags.map((tag, index) => {
    const name = `Synthetic${pascal(singular(tag))}`;
    const fields = random.some(FIELDS, 2 + random.int(4));
    const embeds = random.some(EMBEDS, random.int(2));
    const schema = {
      title: name,
      type: "object",
      description: `One ${singular(tag).toLowerCase()} (a synthetic resource of the scale test).`,
      properties: {
        uuid: { type: "string", format: "uuid", description: "Its identifier.", examples: [uuidFor(index + 1)] },
        ...Object.fromEntries(fields),
        ...Object.fromEntries(embeds.map(([key, component]) => [key, { $ref: `./${component}.yaml` }])),
      },
      additionalProperties: true,
    };
    writeFileSync(schemaFile(name), stringify(schema, { aliasDuplicateObjects: false }));
    const param = `${snake(singular(tag))}_uuid`;
    return {
      tag,
      slug: kebab(tag),
      client: camel(tag),
      pascal: pascal(tag),
      schemaRef: `../components/schemas/${name}.yaml`,
      example: sample(schema, schemaFile(name)),
      pagination: PAGINATION[index % PAGINATION.length],
      param,
      parameter: {
        name: param,
        in: "path",
        required: true,
        description: `The UUID of the ${singular(tag).toLowerCase()}.`,
        schema: { type: "string", format: "uuid" },
        examples: { [camel(`${singular(tag)} uuid`)]: { value: uuidFor(index + 1) } },
      },
    };
  });

  const metaRef = "../components/schemas/Meta.yaml";
  const envelope = (data, meta = { $ref: metaRef }, extra = {}) => ({
    type: "object",
    required: ["data", "meta"],
    properties: { data, meta, ...extra },
  });
  const errorCodes = () => random.some(codes, 1 + random.int(3));
  const bodySchema = {
    type: "object",
    required: ["name"],
    properties: {
      name: { type: "string", minLength: 1, description: "The name shown to people.", examples: ["Summer campaign"] },
      label: { type: "string", description: "A short label.", examples: ["Summer"] },
      is_active: { description: "Whether it is in use.", $ref: "../components/schemas/BooleanLike.yaml" },
    },
  };
  const success = (description, schema, name, value) => ({
    description,
    content: { "application/json": { schema, examples: { [name]: { value } } } },
  });

  const build = {
    list(r) {
      const [style, metaName] = r.pagination;
      const metaSchema = { $ref: `../components/schemas/${metaName}.yaml` };
      const meta = sample(metaSchema, join(specDir, "paths", "x.yaml"));
      const links = style === "laravel" ? { links: { $ref: "../components/schemas/LaravelLinks.yaml" } } : {};
      const value = { data: [r.example], meta, ...(style === "laravel" ? { links: { first: null, last: null, prev: null, next: null } } : {}) };
      item(`/${r.slug}`).get = {
        operationId: `list${r.pascal}`,
        summary: `List ${r.tag.toLowerCase()}`,
        description: `Returns the account's ${r.tag.toLowerCase()}, a page at a time (${style} pagination).`,
        tags: [r.tag],
        "x-client-method": `${r.client}.list`,
        "x-error-codes": errorCodes(),
        "x-pagination": style,
        parameters: [
          {
            name: "page",
            in: "query",
            required: false,
            description: "The page to return, counting from 1.",
            schema: { type: "integer", minimum: 1 },
            examples: { first: { value: 1 } },
          },
          {
            name: "limit",
            in: "query",
            required: false,
            description: "The page size.",
            schema: { type: "integer", minimum: 1, maximum: 100 },
            examples: { thirty: { value: 30 } },
          },
        ],
        responses: {
          200: success(
            `A page of ${r.tag.toLowerCase()}.`,
            envelope({ type: "array", items: { $ref: r.schemaRef } }, metaSchema, links),
            `${camel(r.tag)}Page`,
            value,
          ),
        },
      };
    },
    create(r, form) {
      const body = { name: "Summer campaign", label: "Summer", is_active: true };
      const content = { "application/json": { schema: bodySchema, examples: { [`create${r.pascal}`]: { value: body } } } };
      if (form) {
        content["application/x-www-form-urlencoded"] = {
          schema: bodySchema,
          examples: { [`create${r.pascal}Form`]: { value: { ...body, is_active: "true" } } },
        };
      }
      item(`/${r.slug}`).post = {
        operationId: `create${r.pascal}`,
        summary: `Create ${r.tag.toLowerCase()}`,
        description: `Adds one to the account's ${r.tag.toLowerCase()}.`,
        tags: [r.tag],
        "x-client-method": `${r.client}.create`,
        "x-error-codes": errorCodes(),
        requestBody: { required: true, content },
        responses: { 201: success("It was created.", envelope({ $ref: r.schemaRef }), `created${r.pascal}`, { data: r.example, meta: {} }) },
      };
    },
    get(r) {
      const path = `/${r.slug}/{${r.param}}`;
      item(path).parameters = [r.parameter];
      item(path).get = {
        operationId: `get${r.pascal}`,
        summary: `Get one of the ${r.tag.toLowerCase()}`,
        description: `Returns one of the account's ${r.tag.toLowerCase()} by its UUID.`,
        tags: [r.tag],
        "x-client-method": `${r.client}.get`,
        "x-error-codes": errorCodes(),
        responses: { 200: success("The one asked for.", envelope({ $ref: r.schemaRef }), `one${r.pascal}`, { data: r.example, meta: [] }) },
      };
    },
    update(r) {
      const path = `/${r.slug}/{${r.param}}`;
      item(path).parameters = [r.parameter];
      item(path).put = {
        operationId: `update${r.pascal}`,
        summary: `Update one of the ${r.tag.toLowerCase()}`,
        description: "Changes the fields given and leaves the others as they are.",
        tags: [r.tag],
        "x-client-method": `${r.client}.update`,
        "x-error-codes": errorCodes(),
        requestBody: {
          required: true,
          content: { "application/json": { schema: { ...bodySchema, required: [] }, examples: { [`update${r.pascal}`]: { value: { label: "Autumn" } } } } },
        },
        responses: { 200: success("The changed one.", envelope({ $ref: r.schemaRef }), `updated${r.pascal}`, { data: r.example, meta: {} }) },
      };
    },
    delete(r) {
      const path = `/${r.slug}/{${r.param}}`;
      item(path).parameters = [r.parameter];
      item(path).delete = {
        operationId: `delete${r.pascal}`,
        summary: `Delete one of the ${r.tag.toLowerCase()}`,
        description: "Removes it and answers with what was removed.",
        tags: [r.tag],
        "x-client-method": `${r.client}.delete`,
        "x-error-codes": errorCodes(),
        responses: { 200: success("What was removed.", envelope({ $ref: r.schemaRef }), `deleted${r.pascal}`, { data: r.example, meta: {} }) },
      };
    },
    action(r, _form, round) {
      const verb = `action${round}`;
      const path = `/${r.slug}/{${r.param}}/${kebab(verb)}`;
      item(path).parameters = [r.parameter];
      item(path).post = {
        operationId: `${verb}${r.pascal}`,
        summary: `Run action ${round} on one of the ${r.tag.toLowerCase()}`,
        description: "A state change with no body, as Leat's claim and redeem calls are.",
        tags: [r.tag],
        "x-client-method": `${r.client}.${verb}`,
        "x-error-codes": errorCodes(),
        responses: { 200: success("The changed one.", envelope({ $ref: r.schemaRef }), `${verb}${r.pascal}`, { data: r.example, meta: [] }) },
      };
    },
  };

  for (let n = 0; n < synthetic; n++) {
    const r = resources[n % resources.length];
    const round = Math.floor(n / resources.length);
    const kind = KINDS[Math.min(round, KINDS.length - 1)];
    build[kind](r, n % 2 === 0, round - KINDS.length + 2);
  }

  for (const [path, pathItem] of items) {
    writeFileSync(join(specDir, "paths", pathFile(path)), stringify(pathItem, { aliasDuplicateObjects: false }));
    root.paths[path] = { $ref: `paths/${pathFile(path).replace(/\.yaml$/, "")}.yaml` };
  }

  const events = [];
  for (let n = 0; n < webhookCount; n++) {
    const r = resources[n % Math.max(1, resources.length)];
    const subject = r ? snake(singular(r.tag)) : "contact";
    const event = `${subject}_${["created", "updated", "deleted"][Math.floor(n / Math.max(1, resources.length)) % 3]}${n >= 3 * Math.max(1, resources.length) ? `_${n}` : ""}`;
    const payload = {
      type: "object",
      required: ["type", "data"],
      properties: {
        type: { type: "string", const: event },
        data: r ? { $ref: r.schemaRef } : { type: "object", additionalProperties: true },
      },
    };
    writeFileSync(
      join(specDir, "webhooks", `${event}.yaml`),
      stringify(
        {
          post: {
            operationId: camel(`${event} webhook`),
            summary: `${event.replaceAll("_", " ").replace(/^./, (c) => c.toUpperCase())}`,
            description: "Sent to the subscription's URL when this happens. Any 2xx answer acknowledges it.",
            tags: ["Webhooks"],
            parameters: [
              {
                name: "Signature",
                in: "header",
                required: true,
                description: "Lowercase hex HMAC-SHA256 of the raw body, keyed with the subscription's secret.",
                schema: { type: "string", pattern: "^[0-9a-f]{64}$" },
                examples: { signature: { value: "3f1c9a1e0b7d4c2a8e6f5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a29180" } },
              },
            ],
            requestBody: {
              required: true,
              content: { "application/json": { schema: payload, examples: { [camel(event)]: { value: { type: event, data: r ? r.example : {} } } } } },
            },
            responses: { 200: { description: "The receiver took the event." } },
          },
        },
        { aliasDuplicateObjects: false },
      ),
    );
    events.push(event);
  }

  root.tags = [
    ...root.tags,
    ...resources.map((r) => ({ name: r.tag, description: `${r.tag}: a synthetic resource of the scale test, shaped like Leat's.` })),
    ...(events.length > 0 && !root.tags.some((t) => t.name === "Webhooks")
      ? [{ name: "Webhooks", description: "Events the API sends to a subscriber's URL." }]
      : []),
  ];
  root.webhooks = Object.fromEntries(events.map((e) => [e, { $ref: `webhooks/${e}.yaml` }]));
  writeFileSync(rootFile, stringify(root, { lineWidth: 0, aliasDuplicateObjects: false }));

  return {
    root: rootFile,
    redocly,
    operations: realOperations + synthetic,
    resources: realTags.size + resources.length,
    webhooks: events.length,
  };
}

function cli(argv) {
  /** @type {Record<string, string>} */
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const match = /^--(out|operations|resources|webhooks|seed)(?:=(.*))?$/.exec(argv[i]);
    if (!match) throw new Error(`unknown argument ${argv[i]} (expected --out, --operations, --resources, --webhooks, --seed)`);
    args[match[1]] = match[2] ?? argv[++i];
  }
  if (!args.out) throw new Error("--out DIR is required");
  const number = (key) => {
    if (args[key] === undefined) return undefined;
    const value = Number(args[key]);
    if (!Number.isInteger(value)) throw new Error(`--${key} must be an integer, not ${JSON.stringify(args[key])}`);
    return value;
  };
  return generateSpec({ out: args.out, operations: number("operations"), resources: number("resources"), webhooks: number("webhooks"), seed: number("seed") });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    const made = cli(process.argv.slice(2));
    console.log(`${made.root}: ${made.operations} operations over ${made.resources} resources, ${made.webhooks} webhooks`);
  } catch (error) {
    console.error(`generate: ${error instanceof Error ? error.message : error}`);
    process.exit(2);
  }
}
