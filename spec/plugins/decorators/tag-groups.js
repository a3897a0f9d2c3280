// Redoc renders a group of `x-tagGroups` even when none of its tags exists, as an empty
// heading. The source lists every planned group and tag (spec/openapi.yaml), so the bundle
// keeps only the tags `tags:` declares and drops the groups left empty.
export default function TagGroups() {
  return {
    Root: {
      leave(root) {
        if (!Array.isArray(root["x-tagGroups"])) return;
        const declared = new Set((root.tags ?? []).map((tag) => tag?.name));
        root["x-tagGroups"] = root["x-tagGroups"]
          .map((group) => ({ ...group, tags: (group?.tags ?? []).filter((name) => declared.has(name)) }))
          .filter((group) => group.tags.length > 0);
      },
    },
  };
}
