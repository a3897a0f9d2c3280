// Local $ref resolution over a bundled OpenAPI document. Redocly's bundle keeps shared parts
// as `#/components/...` references, so the classifier must follow them to compare content.

/**
 * @param {unknown} doc
 * @param {string} ref
 * @returns {unknown}
 */
export function lookupPointer(doc, ref) {
  if (!ref.startsWith("#")) {
    throw new Error(`Only local $refs are supported in a bundled document, found "${ref}"`);
  }
  const parts = ref.slice(1).split("/").slice(1).map((p) => decodeURIComponent(p).replace(/~1/g, "/").replace(/~0/g, "~"));
  /** @type {any} */
  let node = doc;
  for (const part of parts) {
    if (node === null || typeof node !== "object" || !(part in node)) {
      throw new Error(`Unresolvable $ref "${ref}" (no "${part}")`);
    }
    node = node[part];
  }
  return node;
}

/**
 * Follows a chain of $refs. Sibling keywords next to a $ref (allowed in 3.1) win over the target's.
 * @param {unknown} doc
 * @param {any} node
 * @returns {{ node: any, ref: string | undefined }} the resolved node and the last $ref followed
 */
export function resolve(doc, node) {
  let ref;
  const seen = new Set();
  while (node && typeof node === "object" && typeof node.$ref === "string") {
    if (seen.has(node.$ref)) throw new Error(`Circular $ref chain at "${node.$ref}"`);
    seen.add(node.$ref);
    ref = node.$ref;
    const { $ref, ...siblings } = node;
    const target = /** @type {any} */ (lookupPointer(doc, $ref));
    node = Object.keys(siblings).length > 0 && target && typeof target === "object" ? { ...target, ...siblings } : target;
  }
  return { node, ref };
}
