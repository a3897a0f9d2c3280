// Two operations with the same `x-client-method` would generate one client method twice.
// The form (`resource.method`) is a configurable assertion in redocly.yaml; this rule only
// compares operations with each other, which an assertion cannot do.
export default function ClientMethodUnique() {
  const first = new Map();
  return {
    Root: {
      enter() {
        first.clear();
      },
    },
    Paths: {
      PathItem: {
        Operation: {
          enter(operation, ctx) {
            const name = operation["x-client-method"];
            if (typeof name !== "string") return;
            const where = operation.operationId ?? String(ctx.key).toUpperCase();
            if (first.has(name)) {
              ctx.report({
                message: `x-client-method "${name}" is used by ${first.get(name)} already; client methods must be unique.`,
                location: ctx.location.child(["x-client-method"]),
              });
            } else first.set(name, where);
          },
        },
      },
    },
  };
}
