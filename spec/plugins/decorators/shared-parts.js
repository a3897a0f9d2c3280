// Adds to every operation under `paths` what all of them share, so a path file holds only
// what is specific to its operation (see spec/README.md, "What a path file holds"):
//
// - the optional `X-Partner-ID` header parameter;
// - the 401, 429 and 503 responses, by $ref;
// - the `X-RateLimit-Limit` and `X-RateLimit-Remaining` headers on every response that lacks
//   them (success responses included; 429 keeps its own `Retry-After`);
// - the 400 response, built from the operation's `x-error-codes` plus the account-wide codes
//   (`commonErrorCodes`), one named example per code: key `lowerCamel(x-enum-varnames)`,
//   value `{message, code, status_code: 400}` from `x-enum-messages`, as one component per
//   code, named `<VarName>` (or `<VarName>Error` when a hand-written example has that name). A 400 written in the path
//   file (for an example with an `errors` bag) is kept; only the codes none of its examples
//   carries are added, and its schema and headers are filled in when missing.
//
// The shared parts are the root document's components of the names below
// (spec/openapi.yaml `components:`). Everything happens when the walk leaves the root, on the
// bundled document: Redocly resolves a $ref by the file it was written in and its exact text,
// so a $ref added during the walk to a file that did not write it cannot be resolved, while
// `#/components/...` references added afterwards need no resolving.
//
// Webhooks are left alone: nothing there is a call to the API.
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const DEFAULTS = {
  partnerParameter: "PartnerId",
  responses: { "401": "Unauthorized", "429": "TooManyRequests", "503": "ServiceUnavailable" },
  headers: ["X-RateLimit-Limit", "X-RateLimit-Remaining"],
  errorEnvelope: "ErrorEnvelope",
  errorCode: "ErrorCode",
  commonErrorCodes: [],
};

const isObject = (node) => !!node && typeof node === "object" && !Array.isArray(node);
const isRef = (node) => isObject(node) && typeof node.$ref === "string";
const lowerCamel = (name) => name.charAt(0).toLowerCase() + name.slice(1);
const escape = (key) => key.replaceAll("~", "~0").replaceAll("/", "~1");

/** `LoyaltyProgramNotActive` -> `Loyalty program not active` */
export function exampleSummaryWords(name) {
  const parts = name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [name];
  return parts.map((p, i) => (i === 0 || (p.length > 1 && p === p.toUpperCase()) ? p : p.toLowerCase())).join(" ");
}

function checkOptions(options) {
  const merged = { ...DEFAULTS, ...options, responses: { ...DEFAULTS.responses, ...(options.responses ?? {}) } };
  const codes = merged.commonErrorCodes;
  if (!Array.isArray(codes) || codes.some((c) => !Number.isInteger(c))) {
    throw new Error("leat/shared-parts: `commonErrorCodes` must be a list of integer error codes.");
  }
  return merged;
}

/** Follows `#/...` references inside the bundled document. */
function follow(root, node) {
  let current = node;
  for (let i = 0; i < 20 && isRef(current) && current.$ref.startsWith("#/"); i++) {
    current = current.$ref
      .slice(2)
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((at, key) => (isObject(at) ? at[key] : undefined), root);
  }
  return current;
}

export default function SharedParts(rawOptions = {}) {
  const options = checkOptions(rawOptions);

  return {
    Root: {
      leave(root, ctx) {
        const components = root.components ?? {};
        const ref = (kind, name) => {
          if (components[kind]?.[name] === undefined) {
            throw new Error(
              `leat/shared-parts: spec/openapi.yaml must declare components.${kind}.${name}; the decorator attaches it to every operation.`,
            );
          }
          return { $ref: `#/components/${kind}/${escape(name)}` };
        };
        const partner = ref("parameters", options.partnerParameter);
        const shared = Object.entries(options.responses).map(([status, name]) => [status, ref("responses", name)]);
        const headers = options.headers.map((name) => [name, ref("headers", name)]);
        const envelope = ref("schemas", options.errorEnvelope);
        const codes = follow(root, ref("schemas", options.errorCode));
        if (!Array.isArray(codes?.enum) || !Array.isArray(codes["x-enum-varnames"]) || !isObject(codes["x-enum-messages"])) {
          throw new Error(`leat/shared-parts: ${options.errorCode} needs enum, x-enum-varnames and x-enum-messages.`);
        }
        for (const code of options.commonErrorCodes) {
          if (!codes.enum.includes(code)) throw new Error(`leat/shared-parts: commonErrorCodes lists ${code}, which ErrorCode does not have.`);
        }
        components.examples ??= {};
        // Named after the code (`ContactNotFound`), or `<VarName>Error` when a hand-written
        // example has that name already (such as an `InvalidInput` with an `errors` bag).
        const generatedExample = (code) => {
          const varName = codes["x-enum-varnames"][codes.enum.indexOf(code)];
          const value = {
            summary: `${exampleSummaryWords(varName)} (code ${code})`,
            value: { message: codes["x-enum-messages"][String(code)], code, status_code: 400 },
          };
          const same = (name) => JSON.stringify(components.examples[name]) === JSON.stringify(value);
          const free = (name) => components.examples[name] === undefined || same(name);
          const component = [varName, `${varName}Error`].find(free);
          if (component === undefined) return { key: lowerCamel(varName), clash: `${varName}Error` };
          components.examples[component] = value;
          return { key: lowerCamel(varName), ref: { $ref: `#/components/examples/${component}` } };
        };

        const withHeaders = (response) => {
          const target = follow(root, response);
          if (!isObject(target)) return;
          const missing = headers.filter(([name]) => target.headers?.[name] === undefined);
          if (missing.length === 0) return;
          // Headers go right after the description, where a hand-written response has them.
          const { description, ...rest } = target;
          const rebuilt = { description, headers: { ...Object.fromEntries(missing.map(([n, r]) => [n, { ...r }])), ...target.headers }, ...rest };
          for (const key of Object.keys(target)) delete target[key];
          Object.assign(target, rebuilt);
        };

        for (const [path, item] of Object.entries(root.paths ?? {})) {
          for (const method of METHODS) {
            const operation = item?.[method];
            if (!isObject(operation)) continue;
            const where = ctx.location.child(["paths", path, method]);

            const parameters = (operation.parameters ??= []);
            const hasPartner = [...parameters, ...(item.parameters ?? [])].some((p) => {
              const node = follow(root, p);
              return node?.in === "header" && String(node.name).toLowerCase() === "x-partner-id";
            });
            if (!hasPartner) parameters.push({ ...partner });

            const responses = (operation.responses ??= {});
            for (const [status, responseRef] of shared) responses[status] ??= { ...responseRef };

            const listed = operation["x-error-codes"] ?? [];
            if (!Array.isArray(listed)) {
              ctx.report({ message: "`x-error-codes` must be a list of ErrorCode values.", location: where.child(["x-error-codes"]) });
              continue;
            }
            const wanted = [...new Set([...listed, ...options.commonErrorCodes])];
            const unknown = wanted.filter((code) => !codes.enum.includes(code));
            if (unknown.length > 0) {
              ctx.report({
                message: `${method.toUpperCase()} ${path}: x-error-codes lists ${unknown.join(", ")}, which ErrorCode does not have (components/schemas/ErrorCode.yaml).`,
                location: where.child(["x-error-codes"]),
              });
              continue;
            }
            responses["400"] ??= {
              description: "A documented error: Leat sends every error it documents with HTTP 400, and `code` says which.",
            };
            const bad = follow(root, responses["400"]);
            const written = bad.content?.["application/json"] ?? {};
            // Rebuilt in reading order (schema before examples), keeping what the file wrote.
            const media = { schema: written.schema ?? { ...envelope }, ...written, examples: { ...written.examples } };
            bad.content = { ...bad.content, "application/json": media };
            const covered = new Set(
              Object.values(media.examples)
                .map((example) => follow(root, example)?.value?.code)
                .filter((code) => code !== undefined),
            );
            for (const code of wanted) {
              if (covered.has(code)) continue;
              const { key, ref: exampleRef, clash } = generatedExample(code);
              if (clash) {
                ctx.report({
                  message: `components.examples.${clash} is hand-written, but leat/shared-parts generates that name for code ${code}. Rename the hand-written one.`,
                  location: ctx.location.child(["components", "examples", clash]),
                });
              } else if (media.examples[key] !== undefined) {
                ctx.report({
                  message: `${method.toUpperCase()} ${path}: the 400 example "${key}" does not carry code ${code}; that key is the generated example's name.`,
                  location: where.child(["responses", "400"]),
                });
              } else {
                media.examples[key] = exampleRef;
              }
            }

            for (const response of Object.values(responses)) withHeaders(response);
          }
        }
      },
    },
  };
}
