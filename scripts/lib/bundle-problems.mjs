// The second lint pass checks the decorated bundle, whose file nobody edits. For annotations,
// each problem is pointed back at the source file that holds the node: the path file for
// anything under `paths`, spec/openapi.yaml otherwise.
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import YAML from "yaml";

/**
 * `#/paths/~1units/post/responses` -> `["paths", "/units", "post", "responses"]`
 * @param {string} pointer
 * @returns {string[]}
 */
export function pointerParts(pointer) {
  return pointer
    .replace(/^#\/?/, "")
    .split("/")
    .filter((/** @type {string} */ p) => p !== "")
    .map((/** @type {string} */ p) => decodeURIComponent(p).replaceAll("~1", "/").replaceAll("~0", "~"));
}

/**
 * @param {{ root: string, specRoot: string, pointer: string }} input repository root, the
 *   spec's root document (absolute), and the problem's pointer into the bundle
 * @returns {{ file: string, line: number }} repository-relative file and a 1-based line
 */
export function sourceOf({ root, specRoot, pointer }) {
  const parts = pointerParts(pointer);
  const rootFile = relative(root, specRoot);
  if (parts[0] === "paths" && parts[1] !== undefined) {
    const doc = YAML.parse(readFileSync(specRoot, "utf8"));
    const ref = doc?.paths?.[parts[1]]?.$ref;
    if (typeof ref === "string") {
      const file = join(specRoot, "..", ref);
      if (existsSync(file)) {
        const method = parts[2];
        const lines = readFileSync(file, "utf8").split("\n");
        const at = method ? lines.findIndex((l) => l.startsWith(`${method}:`)) : -1;
        return { file: relative(root, file), line: at + 1 || 1 };
      }
    }
  }
  return { file: rootFile, line: 1 };
}

/** @param {string} s */
const escapeData = (s) => s.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
/** @param {string} s */
const escapeProperty = (s) => escapeData(s).replaceAll(":", "%3A").replaceAll(",", "%2C");

/**
 * GitHub annotations for a `redocly lint --format=json` report of the bundle.
 * @param {{ problems: { ruleId: string, severity: string, message: string, location?: { pointer?: string }[] }[] }} report
 * @param {{ root: string, specRoot: string }} where
 * @returns {string[]}
 */
export function bundleAnnotations(report, { root, specRoot }) {
  return report.problems.map((problem) => {
    const pointer = problem.location?.[0]?.pointer ?? "#/";
    const { file, line } = sourceOf({ root, specRoot, pointer });
    const level = problem.severity === "warn" ? "warning" : "error";
    return `::${level} title=${escapeProperty(problem.ruleId)},file=${escapeProperty(file)},line=${line}::${escapeData(`${problem.message} (in the decorated bundle at ${pointer})`)}`;
  });
}
