// Redoc shows only the tags that some `x-tagGroups` group lists, so a declared tag outside
// every group disappears from the docs, and a tag in two groups shows twice. A group may name
// a tag that `tags:` does not declare yet: the source carries the planned sidebar, and the
// leat/tag-groups decorator leaves undeclared tags out of the bundle.
export default function TagGroupsRule() {
  return {
    Root: {
      enter(root, ctx) {
        const groups = root["x-tagGroups"];
        if (!Array.isArray(groups)) {
          ctx.report({ message: "The root must have `x-tagGroups`: a list of { name, tags }.", location: ctx.location.key() });
          return;
        }
        const seen = new Map();
        groups.forEach((group, index) => {
          const where = ctx.location.child(["x-tagGroups", index]);
          if (typeof group?.name !== "string" || group.name === "") {
            ctx.report({ message: "Every tag group needs a `name`.", location: where });
          }
          if (!Array.isArray(group?.tags) || group.tags.length === 0) {
            ctx.report({ message: `Tag group "${group?.name}" needs a non-empty \`tags\` list.`, location: where });
            return;
          }
          for (const tag of group.tags) {
            if (seen.has(tag)) {
              ctx.report({
                message: `Tag "${tag}" is listed in tag group "${seen.get(tag)}" and again in "${group.name}"; a tag belongs to exactly one group.`,
                location: where.child(["tags"]),
              });
            } else seen.set(tag, group.name);
          }
        });
        (root.tags ?? []).forEach((tag, index) => {
          if (!seen.has(tag?.name)) {
            ctx.report({
              message: `Tag "${tag?.name}" is in no x-tagGroups group, so the docs would hide it; add it to one group in spec/openapi.yaml.`,
              location: ctx.location.child(["tags", index, "name"]),
            });
          }
        });
      },
    },
  };
}
