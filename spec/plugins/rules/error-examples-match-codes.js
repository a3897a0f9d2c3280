// An error example must be one Leat could send: its `status_code` equals the HTTP status it
// is listed under, its `code` is one of ErrorCode's documented codes, and its `message` is
// the one ErrorCode's `x-enum-messages` gives for that code (or one of its
// `x-enum-other-messages`). The code list is read from the
// document itself, so adding a code to ErrorCode is the only change a new error needs.

const isRef = (node) => node && typeof node === "object" && typeof node.$ref === "string";

function resolveDeep(node, ctx) {
  let current = node;
  for (let i = 0; i < 10 && isRef(current); i++) current = ctx.resolve(current).node;
  return current;
}

// ErrorEnvelope.properties.code is `anyOf: [ErrorCode, integer]`; find the enum branch.
function findErrorCodeSchema(envelope, ctx) {
  const code = resolveDeep(envelope?.properties?.code, ctx);
  const branches = code?.anyOf ?? code?.oneOf ?? [code];
  for (const branch of branches) {
    const schema = resolveDeep(branch, ctx);
    if (Array.isArray(schema?.enum)) return schema;
  }
  return undefined;
}

export default function ErrorExamplesMatchCodes() {
  // A 400 written in a path file may leave its schema to leat/shared-parts (ErrorEnvelope);
  // its examples are then checked against the root document's ErrorCode.
  let rootCodes;
  return {
    Root: {
      enter(root, ctx) {
        const schema = resolveDeep(root.components?.schemas?.ErrorCode, ctx);
        rootCodes = Array.isArray(schema?.enum) ? schema : undefined;
      },
    },
    Operation: {
      enter(operation, ctx) {
        for (const [status, rawResponse] of Object.entries(operation.responses ?? {})) {
          if (!/^[45]\d\d$/.test(status)) continue;
          const response = resolveDeep(rawResponse, ctx);
          const media = response?.content?.["application/json"];
          if (!media) continue;
          const codes = media.schema === undefined ? rootCodes : findErrorCodeSchema(resolveDeep(media.schema, ctx), ctx);
          for (const [name, rawExample] of Object.entries(media.examples ?? {})) {
            const example = resolveDeep(rawExample, ctx);
            const value = example?.value;
            if (!value || typeof value !== "object") continue;
            const where = ctx.location.child(["responses", status]);
            if (value.status_code !== undefined && String(value.status_code) !== status) {
              ctx.report({
                message: `Example "${name}" has status_code ${value.status_code} but is listed under HTTP ${status}.`,
                location: where,
              });
            }
            if (value.code === undefined) continue;
            if (!codes) {
              ctx.report({
                message: `Example "${name}" has a code, but the error schema has no ErrorCode enum to check it against.`,
                location: where,
              });
              continue;
            }
            if (!codes.enum.includes(value.code)) {
              ctx.report({
                message: `Example "${name}" uses code ${value.code}, which ErrorCode does not document.`,
                location: where,
              });
              continue;
            }
            const expected = codes["x-enum-messages"]?.[String(value.code)];
            // One code, several documented messages (80300, 80531): any of them is one Leat sends.
            const others = codes["x-enum-other-messages"]?.[String(value.code)] ?? [];
            if (expected !== undefined && value.message !== expected && !others.includes(value.message)) {
              ctx.report({
                message: `Example "${name}" says "${value.message}" but code ${value.code} is documented as "${expected}".`,
                location: where,
              });
            }
          }
        }
      },
    },
  };
}
