// The docs' own copy of the bundle: what a reader needs beside the reference itself
// (getting started, webhooks, packages, changelog, the error-code list, the mock's Prefer
// names), added at build time so the spec keeps saying each thing once. Pure: takes the
// bundle and returns a new document; consumers of openapi.json never see these additions.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readSpec } from "@leat-openapi/spec-reader";
import { errorCodeList, withErrorCodeList } from "./error-codes.mjs";
import { withPreferNotes } from "./prefer.mjs";

const introDir = join(dirname(fileURLToPath(import.meta.url)), "intro");
const intro = (/** @type {string} */ name) => readFileSync(join(introDir, name), "utf8").trim();

/** What the ErrorCode schema tells a reader wherever a response shows `code`. */
export const ERROR_CODE_READER_TEXT =
  "Leat's number for what went wrong. [Errors](#section/Errors) lists every documented code with its name and meaning.";

/**
 * @param {any} bundle the bundled spec (openapi.json), not modified
 * @param {{ changelog: string, repositoryUrl?: string }} extras
 */
export function docsSpec(bundle, { changelog, repositoryUrl }) {
  /** @type {any} */
  const spec = structuredClone(bundle);
  const description = String(spec.info?.description ?? "");
  const sections = [
    fill(intro("getting-started.md"), firstCallFacts(spec)),
    ...(spec.webhooks && Object.keys(spec.webhooks).length > 0 ? [intro("webhooks.md")] : []),
  ];
  const packages = intro("packages.md").replace(
    "{{repositoryRow}}",
    repositoryUrl ? `| Source, issues and contributing | [${repositoryUrl.replace(/^https?:\/\//, "")}](${repositoryUrl}) |` : "",
  );
  let text = insertBeforeFirstSection(description, sections.join("\n\n"));
  text = withErrorCodeList(text, errorCodeList(spec));
  text = `${text.trimEnd()}\n\n${packages}\n\n## Changelog\n\n${changelog.trim() || "No release notes yet."}\n`;
  spec.info = { ...spec.info, description: text };

  // The schema's own description is written for maintainers (how the list is generated);
  // readers see it under every error response, so the docs say what the field means.
  const errorCode = spec.components?.schemas?.ErrorCode;
  if (errorCode) errorCode.description = ERROR_CODE_READER_TEXT;

  withPreferNotes(spec);
  return spec;
}

/** @param {string} description @param {string} block */
function insertBeforeFirstSection(description, block) {
  const at = description.search(/^## /m);
  if (at === -1) return `${description.trimEnd()}\n\n${block}\n`;
  return `${description.slice(0, at)}${block}\n\n${description.slice(at)}`;
}

/** @param {string} template @param {Record<string, string>} facts */
function fill(template, facts) {
  return template.replace(/\{\{([\w.]+)\}\}/g, (whole, key) => {
    if (!(key in facts)) throw new Error(`src/intro: unknown placeholder ${whole}`);
    return facts[key];
  });
}

/**
 * The first call a newcomer makes: the first GET without parameters in the spec (a list),
 * with its first success example as the expected answer.
 * @param {any} spec
 */
export function firstCallFacts(spec) {
  const reader = readSpec(spec);
  const candidates = reader
    .operations()
    .filter((op) => op.method === "get" && !op.path.includes("{") && op.clientMethod && op.parameters.every((p) => !p.required));
  const first = candidates.find((op) => /tiers/.test(op.path)) ?? candidates[0];
  if (!first) throw new Error("The spec has no GET without path parameters to use as the first call.");
  const success = Object.values(first.responses).find((response) => /^2/.test(response.status));
  const media = success?.content["application/json"];
  const value = media ? (Object.values(media.examples)[0]?.value ?? media.example) : undefined;
  if (value === undefined) throw new Error(`${first.operationId} has no success example to show as the first call's answer.`);
  const baseUrl = String(spec.servers?.[0]?.url ?? "").replace(/\/$/, "");
  const clientMethod = String(first.clientMethod);
  return {
    baseUrl,
    "firstCall.path": first.path,
    "firstCall.what": String(first.summary ?? first.operationId).replace(/^List /i, "").toLowerCase(),
    "firstCall.example": JSON.stringify(value, null, 2),
    "firstCall.clientMethod": clientMethod,
    "firstCall.variable": clientMethod.split(".")[0],
  };
}
