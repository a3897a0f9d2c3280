// Every code in an operation's `x-error-codes` must be one ErrorCode documents: the bundling
// decorator turns each into a named 400 example with ErrorCode's message. The list's shape
// (a non-empty list of integers) is a configurable assertion in redocly.yaml.
const isRef = (node) => !!node && typeof node === "object" && typeof node.$ref === "string";

export default function ErrorCodesExist() {
  let codes;
  return {
    Root: {
      enter(root, ctx) {
        let node = root.components?.schemas?.ErrorCode;
        for (let i = 0; i < 10 && isRef(node); i++) node = ctx.resolve(node).node;
        codes = Array.isArray(node?.enum) ? new Set(node.enum) : undefined;
        if (!codes) {
          ctx.report({
            message: "components.schemas.ErrorCode (with its enum of codes) must be declared in the root document.",
            location: ctx.location.child(["components"]),
          });
        }
      },
    },
    Paths: {
      PathItem: {
        Operation: {
          enter(operation, ctx) {
            const listed = operation["x-error-codes"];
            if (!codes || !Array.isArray(listed)) return;
            listed.forEach((code, index) => {
              if (!codes.has(code)) {
                ctx.report({
                  message: `x-error-codes lists ${JSON.stringify(code)}, which ErrorCode does not document (components/schemas/ErrorCode.yaml).`,
                  location: ctx.location.child(["x-error-codes", index]),
                });
              }
            });
          },
        },
      },
    },
  };
}
