// Attaches `x-codeSamples` to every operation from real files, so the samples readers see in
// the docs are the same files the docs package type-checks against the client.
//
// Layout (openapi-starter's convention): <folder>/<Language>/<path>/<verb>.<ext>, where <path>
// is the operation's path without its leading slash and with every other `/` replaced by `_`
// (the same names spec/paths/ uses), e.g. code_samples/TypeScript/units/post.ts.
//
// Options (all optional):
//   folder:    where the samples live, relative to the root document (default: code_samples)
//   languages: [{ folder, lang, label, ext }] in display order (default: TypeScript, cURL)
// A missing sample is reported, and so is a sample whose operation no longer exists, because
// either means a spec change left the samples behind. Webhooks get none: the API sends them,
// so there is no call for a reader to copy.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";

export const DEFAULT_LANGUAGES = [
  { folder: "TypeScript", lang: "TypeScript", label: "TypeScript", ext: "ts" },
  { folder: "cURL", lang: "curl", label: "cURL", ext: "sh" },
];

/** `/contacts/{contact_uuid}/tier` -> `contacts_{contact_uuid}_tier` */
export function samplePathSegment(path) {
  return path.replace(/^\//, "").replaceAll("/", "_");
}

function validateLanguages(languages) {
  if (!Array.isArray(languages) || languages.length === 0) {
    throw new Error("leat/code-samples: `languages` must be a non-empty list of { folder, lang, label, ext }.");
  }
  for (const [i, language] of languages.entries()) {
    for (const key of ["folder", "lang", "label", "ext"]) {
      if (typeof language?.[key] !== "string" || language[key] === "") {
        throw new Error(`leat/code-samples: languages[${i}].${key} must be a non-empty string.`);
      }
    }
  }
  return languages;
}

function listSampleFiles(root, language) {
  const base = join(root, language.folder);
  if (!existsSync(base)) return [];
  const found = [];
  for (const pathDir of readdirSync(base)) {
    const full = join(base, pathDir);
    if (!statSync(full).isDirectory()) continue;
    for (const file of readdirSync(full)) {
      if (file.endsWith(`.${language.ext}`)) found.push(join(full, file));
    }
  }
  return found;
}

export default function CodeSamples(options = {}) {
  const folderOption = options.folder ?? "code_samples";
  if (typeof folderOption !== "string" || folderOption === "") {
    throw new Error("leat/code-samples: `folder` must be a non-empty path.");
  }
  const languages = validateLanguages(options.languages ?? DEFAULT_LANGUAGES);

  let samplesRoot;
  let currentPath;
  let inWebhooks = false;
  const used = new Set();

  return {
    Root: {
      enter(_root, ctx) {
        const rootFile = ctx.location.source.absoluteRef;
        samplesRoot = isAbsolute(folderOption) ? folderOption : resolve(dirname(rootFile), folderOption);
        used.clear();
        if (!existsSync(samplesRoot)) {
          ctx.report({
            message: `Code samples folder not found: ${samplesRoot}.`,
            location: ctx.location.child(["paths"]),
          });
        }
      },
      leave(_root, ctx) {
        if (!samplesRoot || !existsSync(samplesRoot)) return;
        for (const language of languages) {
          for (const file of listSampleFiles(samplesRoot, language)) {
            if (used.has(file)) continue;
            ctx.report({
              message: `Code sample ${relative(samplesRoot, file)} matches no operation in the description.`,
              location: ctx.location.child(["paths"]),
            });
          }
        }
      },
    },
    WebhooksMap: {
      enter() {
        inWebhooks = true;
      },
      leave() {
        inWebhooks = false;
      },
    },
    PathItem: {
      enter(_pathItem, ctx) {
        // ctx.key is the path string even when the path item sits behind a $ref.
        currentPath = String(ctx.key);
      },
    },
    Operation: {
      leave(operation, ctx) {
        // Redocly visits Operation only under a path item's method keys.
        const verb = String(ctx.key).toLowerCase();
        if (inWebhooks || currentPath === undefined || !samplesRoot) return;
        const segment = samplePathSegment(currentPath);
        const samples = [];
        for (const language of languages) {
          const file = join(samplesRoot, language.folder, segment, `${verb}.${language.ext}`);
          if (!existsSync(file)) {
            ctx.report({
              message: `Missing ${language.label} code sample for ${verb.toUpperCase()} ${currentPath}: expected ${relative(samplesRoot, file)}.`,
              location: ctx.location,
            });
            continue;
          }
          used.add(file);
          samples.push({ lang: language.lang, label: language.label, source: readFileSync(file, "utf8") });
        }
        // Files win over anything written inline, so there is one source of truth per sample.
        const inline = (operation["x-codeSamples"] ?? []).filter(
          (sample) => !samples.some((fromFile) => fromFile.lang === sample.lang),
        );
        if (samples.length > 0 || inline.length > 0) operation["x-codeSamples"] = [...samples, ...inline];
      },
    },
  };
}
