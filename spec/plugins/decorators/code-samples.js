// Attaches `x-codeSamples` (TypeScript, then cURL) to every operation under `paths`. A sample
// is generated from the bundled operation (sample-generator.js: the client method named by
// `x-client-method`, examples as values); a hand-written file takes precedence, for an
// operation whose sample should show more than one call, such as how to handle an error.
// The docs package type-checks and runs every sample against the built client and the mock.
//
// Files (openapi-starter's convention): <folder>/<Language>/<path>/<verb>.<ext>, where <path>
// is the operation's path without its leading slash and with every other `/` replaced by `_`
// (the same names spec/paths/ uses), e.g. code_samples/TypeScript/units/post.ts.
//
// Options (all optional):
//   folder:    where the files live, relative to the root document (default: code_samples)
//   languages: [{ folder, lang, label, ext }] in display order (default: TypeScript, cURL);
//              TypeScript and curl samples are generated, other languages need a file each.
// A file whose operation no longer exists is reported, since a spec change left it behind,
// and so is an operation that has neither file nor generator for a language.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { curlSample, requestOf, typescriptSample } from "./sample-generator.js";

export const DEFAULT_LANGUAGES = [
  { folder: "TypeScript", lang: "TypeScript", label: "TypeScript", ext: "ts" },
  { folder: "cURL", lang: "curl", label: "cURL", ext: "sh" },
];

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

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

const GENERATORS = {
  TypeScript: ({ operation, request }) =>
    typeof operation["x-client-method"] === "string"
      ? typescriptSample({ clientMethod: operation["x-client-method"], request })
      : undefined,
  curl: ({ method, path, server, request }) => curlSample({ method, path, server, request }),
};

export default function CodeSamples(options = {}) {
  const folderOption = options.folder ?? "code_samples";
  if (typeof folderOption !== "string" || folderOption === "") {
    throw new Error("leat/code-samples: `folder` must be a non-empty path.");
  }
  const languages = validateLanguages(options.languages ?? DEFAULT_LANGUAGES);

  return {
    Root: {
      leave(root, ctx) {
        const rootFile = ctx.location.source.absoluteRef;
        const samplesRoot = isAbsolute(folderOption) ? folderOption : resolve(dirname(rootFile), folderOption);
        const used = new Set();
        const server = root.servers?.[0]?.url ?? "";
        for (const [path, item] of Object.entries(root.paths ?? {})) {
          if (!item || typeof item !== "object") continue;
          for (const verb of HTTP_METHODS) {
            const operation = item[verb];
            if (!operation || typeof operation !== "object") continue;
            const segment = samplePathSegment(path);
            const request = requestOf(root, path, item, operation);
            const samples = [];
            for (const language of languages) {
              const file = join(samplesRoot, language.folder, segment, `${verb}.${language.ext}`);
              let source;
              if (existsSync(file)) {
                used.add(file);
                source = readFileSync(file, "utf8");
              } else {
                source = GENERATORS[language.lang]?.({ operation, method: verb, path, server, request });
              }
              if (source === undefined) {
                ctx.report({
                  message: `No ${language.label} code sample for ${verb.toUpperCase()} ${path}: add ${relative(samplesRoot, file)}${language.lang === "TypeScript" ? " or give the operation an x-client-method" : ""}.`,
                  location: ctx.location.child(["paths", path, verb]),
                });
                continue;
              }
              samples.push({ lang: language.lang, label: language.label, source });
            }
            // Ours win over anything written inline, so there is one source of truth per sample.
            const inline = (operation["x-codeSamples"] ?? []).filter(
              (sample) => !samples.some((ours) => ours.lang === sample.lang),
            );
            if (samples.length > 0 || inline.length > 0) operation["x-codeSamples"] = [...samples, ...inline];
          }
        }
        if (!existsSync(samplesRoot)) return;
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
  };
}
