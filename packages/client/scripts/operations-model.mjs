// What the generator needs to know about each operation, read from the bundle with
// @leat-openapi/spec-reader: the client method's name, its arguments (path parameters in path
// order, then one object of body fields or query parameters), the TypeScript types they take
// and return, and the runtime row of the compact operations table.
import { readSpec } from "@leat-openapi/spec-reader";

const SCHEMA_REF = /^#\/components\/schemas\/([A-Za-z_$][A-Za-z0-9_$]*)$/;
const camel = (name) => name.replace(/[^A-Za-z0-9]+([A-Za-z0-9])/g, (_, c) => c.toUpperCase());
export const pascal = (name) => name.charAt(0).toUpperCase() + name.slice(1);

/** The page number's key in each pagination style's meta (spec/components/schemas/Meta*.yaml). */
export const PAGINATION_STYLES = ["viewing", "per-page", "laravel", "current-page", "array"];

/**
 * @param {string} specFile the bundled spec (JSON)
 * @param {Set<string>} overridden client methods whose result the hand-written overrides change
 */
export function readModel(specFile, overridden) {
  const spec = readSpec(specFile);
  const document = spec.get("");
  const schemas = document.components?.schemas ?? {};
  const named = new Map(Object.entries(schemas).map(([name, schema]) => [name, namedKind(schema)]));

  // A schema written as TypeScript with the component names, or undefined when it has a shape
  // the caller should take from the generated `operations` type instead.
  function typeOf(node) {
    if (!node || typeof node !== "object") return undefined;
    if (typeof node.$ref === "string") {
      const match = SCHEMA_REF.exec(node.$ref);
      return match && named.has(match[1]) ? match[1] : undefined;
    }
    const union = node.anyOf ?? node.oneOf;
    if (Array.isArray(union)) {
      const parts = union.map(typeOf);
      return parts.every(Boolean) ? [...new Set(parts)].join(" | ") : undefined;
    }
    if (node.type === "null") return "null";
    if (node.type === "array" && node.items) {
      const item = typeOf(node.items);
      return item && (item.includes(" ") ? `(${item})[]` : `${item}[]`);
    }
    return undefined;
  }

  const declared = [];
  const operations = spec.operations().map((op) => {
    const where = `${op.label} (${op.operationId})`;
    if (!op.clientMethod) throw new Error(`${where} has no x-client-method`);
    const [resource, method] = op.clientMethod.split(".");
    const at = `operations[${JSON.stringify(op.operationId)}]`;

    const pathNames = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const pathParams = pathNames.map((name) => {
      const parameter = op.parameters.find((p) => p.in === "path" && p.name === name);
      if (!parameter) throw new Error(`${where}: {${name}} has no path parameter`);
      const type = parameter.schema?.type === "integer" || parameter.schema?.type === "number" ? "number" : "string";
      return { name, argument: camel(name), type };
    });
    const query = op.parameters.filter((p) => p.in === "query");

    const body = op.requestBody?.content["application/json"];
    if (op.requestBody && !body) throw new Error(`${where}: the client sends JSON, but the request body has no application/json`);
    const bodyRequired = Boolean(op.requestBody?.raw?.required) || (body?.schema?.required?.length ?? 0) > 0;
    if (body && query.length > 0) {
      const fields = Object.keys(body.schema?.properties ?? {});
      const clash = query.find((p) => fields.includes(p.name));
      if (clash) throw new Error(`${where}: query parameter ${clash.name} is also a body field; one params object cannot hold both`);
    }

    const successes = Object.keys(op.responses).filter((status) => /^2\d\d$/.test(status));
    if (successes.length !== 1) throw new Error(`${where} needs exactly one 2xx response, has ${successes.join(", ") || "none"}`);
    const status = successes[0];
    const json = op.responses[status].content["application/json"];
    const envelope = json?.schema;
    const dataSchema = envelope?.properties?.data;
    if (!dataSchema) throw new Error(`${where}: the ${status} response has no application/json { data } envelope`);
    const dataAt = `${at}["responses"][${status}]["content"]["application/json"]["data"]`;
    const base = pascal(resource) + pascal(method);
    // Inline shapes get a name of their own (ContactsUpdateBody, ContactsListQuery,
    // ContactsMergeResult), declared in resources.ts from the spec package's `operations` type.
    const declare = (suffix, helper, schema, extra = "") => {
      const name = base + suffix;
      const objectLike = schema && (schema.type === "object" || (schema.type === undefined && (schema.properties || schema.allOf)));
      declared.push({ name, helper, operationId: op.operationId, extra, kind: objectLike && !schema.anyOf && !schema.oneOf && !hasTypedExtra(schema) ? "interface" : "type" });
      return name;
    };
    const resolvedData = resolve(spec, dataSchema);
    const dataType = typeOf(dataSchema) ?? (op.pagination ? dataAt : declare("Result", "DataOf", resolvedData, `, ${status}`));

    let page;
    if (op.pagination) {
      if (!PAGINATION_STYLES.includes(op.pagination)) throw new Error(`${where}: unknown x-pagination ${op.pagination}`);
      if (!query.some((p) => p.name === "page")) throw new Error(`${where}: a paginated list needs a page query parameter`);
      const items = resolve(spec, dataSchema);
      if (items?.type !== "array") throw new Error(`${where}: a paginated list's data must be an array`);
      page = {
        style: op.pagination,
        item: typeOf(items.items) ?? `${dataAt}[number]`,
        meta: typeOf(envelope.properties.meta) ?? `${at}["responses"][${status}]["content"]["application/json"]["meta"]`,
      };
    }

    let params;
    if (body || query.length > 0) {
      const bodyType = body && (typeOf(body.schemaRef ? { $ref: body.schemaRef } : body.schema) ?? declare("Body", "BodyOf", body.schema));
      const queryType = query.length > 0 ? declare("Query", "QueryOf", { type: "object" }) : undefined;
      params = {
        name: body ? "body" : "query",
        type: [bodyType, queryType].filter(Boolean).join(" & "),
        required: body ? bodyRequired : query.some((p) => p.required),
        queryNames: body && query.length > 0 ? query.map((p) => p.name) : undefined,
      };
    }

    const result = overridden.has(op.clientMethod) ? `Overrides[${JSON.stringify(op.clientMethod)}]` : dataType;
    return {
      operationId: op.operationId,
      clientMethod: op.clientMethod,
      resource,
      method,
      httpMethod: op.method.toUpperCase(),
      path: op.path,
      summary: op.summary ?? "",
      pathParams,
      params,
      page,
      result,
      dataKind: dataKind(spec, dataSchema),
    };
  });

  return { operations, declared, schemas: [...named].map(([name, kind]) => ({ name, kind, description: schemas[name].description ?? schemas[name].title })) };
}

function resolve(spec, node) {
  return node && typeof node.$ref === "string" ? spec.resolve(node).value : node;
}

// Object schemas become interfaces, so editors show their names; anything else (unions,
// arrays, scalars) becomes a type alias, as does an object whose typed extra properties would
// clash with its optional named ones (an interface checks its index signature, a type does not).
function namedKind(schema) {
  const objectType = schema.type === "object" || (schema.type === undefined && (schema.properties || schema.allOf));
  return objectType && !schema.anyOf && !schema.oneOf && !hasTypedExtra(schema) ? "interface" : "type";
}

function hasTypedExtra(schema) {
  const extra = schema.additionalProperties;
  return Boolean(extra && typeof extra === "object" && Object.keys(extra).length > 0);
}

// What `data` may be, checked at run time as today: "a" an array, "o" an object, "n" an object
// or null, "" anything present.
function dataKind(spec, schema, depth = 0) {
  const types = new Set();
  const visit = (node, level) => {
    const target = resolve(spec, node);
    if (!target || typeof target !== "object" || level > 10) return types.add("*");
    const union = target.anyOf ?? target.oneOf;
    if (Array.isArray(union)) return union.forEach((part) => visit(part, level + 1));
    if (Array.isArray(target.allOf) && target.type === undefined) return visit(target.allOf[0], level + 1);
    const declared = target.type ?? (target.properties ? "object" : "*");
    for (const type of [declared].flat()) types.add(type);
  };
  visit(schema, depth);
  const key = [...types].sort().join(",");
  return { array: "a", object: "o", "null,object": "n" }[key] ?? "";
}
