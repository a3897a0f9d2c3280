#!/usr/bin/env node
// Builds dist/ from the bundled spec: index.html (our template, the docs' copy of the spec and
// the options inline), classic Redoc's standalone bundle beside it, and the bundle as
// openapi.yaml / openapi.json for download. Refused when the page would load anything from
// another origin.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { changelogMarkdown } from "../src/changelog.mjs";
import { COMPRESSIBLE, compress, SUFFIX } from "../src/compression.mjs";
import { docsSpec } from "../src/docs-spec.mjs";
import { findExternalResources } from "../src/offline-check.mjs";
import { redocTheme } from "../src/redoc-theme.mjs";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = join(packageDir, "..", "..");
const defaultDistDir = join(packageDir, "dist");
const src = (/** @type {string} */ name) => join(packageDir, "src", name);
const require = createRequire(join(packageDir, "package.json"));

export const PAGE_TITLE = "Leat loyalty API reference";
export const REDOC_BUNDLE = "redoc.standalone.js";

function locateSpec() {
  let specFile;
  try {
    specFile = require.resolve("@leat-openapi/spec/openapi.json");
  } catch {
    specFile = join(repoRoot, "spec", "dist", "openapi.json");
  }
  if (!existsSync(specFile)) {
    throw new Error(
      `The bundled spec is missing (${specFile}). Build it first: cd spec && npx --yes pnpm@10.34.9 run build`,
    );
  }
  return specFile;
}

const svgDataUri = (/** @type {string} */ svg) => `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;

/** JSON that can sit inside a <script> element: no "</script>" or "<!--" can end it early. */
const scriptJson = (/** @type {unknown} */ value) =>
  JSON.stringify(value).replaceAll("<", "\\u003c").replaceAll("\u2028", "\\u2028").replaceAll("\u2029", "\\u2029");

/** The logo's text is drawn in fixed colours; the dark theme gets light ones. */
export const LOGO_TEXT_COLOURS = { light: ["#0d3b36", "#4b5f5c"], dark: ["#e6efed", "#b5c7c3"] };

/** @param {string} svg @param {"light" | "dark"} mode */
export function logoFor(svg, mode) {
  let result = svg;
  LOGO_TEXT_COLOURS.light.forEach((colour, index) => {
    if (!result.includes(`fill="${colour}"`)) throw new Error(`src/logo.svg no longer uses ${colour}; update LOGO_TEXT_COLOURS`);
    result = result.replaceAll(`fill="${colour}"`, `fill="${LOGO_TEXT_COLOURS[mode][index]}"`);
  });
  return result;
}

function repositoryUrl() {
  const root = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
  const url = typeof root.repository === "string" ? root.repository : root.repository?.url;
  return typeof url === "string" ? url.replace(/^git\+/, "").replace(/\.git$/, "") : undefined;
}

/**
 * @param {{ specFile?: string, outDir?: string }} [options] another bundle to build from (its
 *   openapi.yaml beside it), and another folder to write (the scale test builds a synthetic spec's page)
 */
export function build(options = {}) {
  const specFile = options.specFile ?? locateSpec();
  if (!existsSync(specFile)) throw new Error(`The bundled spec ${specFile} does not exist.`);
  const distDir = options.outDir ?? defaultDistDir;
  const bundle = JSON.parse(readFileSync(specFile, "utf8"));
  const spec = docsSpec(bundle, { changelog: changelogMarkdown(repoRoot), repositoryUrl: repositoryUrl() });
  const logo = readFileSync(src("logo.svg"), "utf8");
  const config = {
    options: JSON.parse(readFileSync(src("redoc-options.json"), "utf8")),
    themes: { light: redocTheme("light"), dark: redocTheme("dark") },
    logos: { light: svgDataUri(logoFor(logo, "light")), dark: svgDataUri(logoFor(logo, "dark")) },
    logoAlt: "Leat loyalty API",
  };
  // Replacement functions, not strings: the spec's text may hold "$&" and the like.
  const html = readFileSync(src("page.html"), "utf8")
    .replace("%%TITLE%%", () => PAGE_TITLE)
    .replace("%%DESCRIPTION%%", () =>
      `Reference for the Leat (formerly Piggy) loyalty API v3: ${readOperationCount(spec)} operations with TypeScript and cURL samples.`,
    )
    .replace("%%FAVICON%%", () => logoIcon(logo))
    .replace("%%THEME_CSS%%", () => readFileSync(src("theme.css"), "utf8"))
    .replace("%%SPEC%%", () => scriptJson(spec))
    .replace("%%CONFIG%%", () => scriptJson(config))
    .replace("%%INIT%%", () => readFileSync(src("init.js"), "utf8"));

  const external = findExternalResources(html);
  if (external.length > 0) {
    const list = external.map((item) => `  ${item.kind} ${item.url}`).join("\n");
    throw new Error(`dist/index.html would load resources from other origins:\n${list}`);
  }
  rmSync(distDir, { recursive: true, force: true });
  mkdirSync(distDir, { recursive: true });
  const output = join(distDir, "index.html");
  writeFileSync(output, html);
  const redocBundle = require.resolve(`redoc/bundles/${REDOC_BUNDLE}`);
  writeFileSync(join(distDir, REDOC_BUNDLE), localiseRuntimeImages(readFileSync(redocBundle, "utf8")));
  copyFileSync(`${redocBundle}.LICENSE.txt`, join(distDir, `${REDOC_BUNDLE}.LICENSE.txt`));
  // Offered for download next to the page: the bundle exactly as consumers get it.
  copyFileSync(specFile, join(distDir, "openapi.json"));
  copyFileSync(join(dirname(specFile), "openapi.yaml"), join(distDir, "openapi.yaml"));
  copyFileSync(src("logo.svg"), join(distDir, "logo.svg"));
  // Compressed once here, so the server sends them without compressing per request.
  for (const name of readdirSync(distDir)) {
    if (!COMPRESSIBLE.has(extname(name))) continue;
    const data = readFileSync(join(distDir, name));
    for (const encoding of /** @type {const} */ (["br", "gzip"])) {
      writeFileSync(join(distDir, name + SUFFIX[encoding]), compress(data, encoding));
    }
  }
  return { output, bytes: Buffer.byteLength(html), spec: relative(repoRoot, specFile) };
}

// Redoc's menu footer loads its attribution image from its CDN at run time, which an offline
// reader would see fail. Keep the attribution, drawn by us (white on teal, readable on both
// themes' sidebars). Failing loudly when the URL moves keeps this from going stale.
export const RUNTIME_IMAGE = "https://cdn.redoc.ly/redoc/logo-mini.svg";

/** @param {string} js */
function localiseRuntimeImages(js) {
  if (!js.includes(RUNTIME_IMAGE)) {
    throw new Error(`Redoc no longer references ${RUNTIME_IMAGE}; review RUNTIME_IMAGE in scripts/build.mjs.`);
  }
  const result = js.replaceAll(RUNTIME_IMAGE, svgDataUri(readFileSync(src("redoc-badge.svg"), "utf8")));
  const left = result.match(/https:\/\/cdn\.[a-z.]+\/[^"'`\s]*/);
  if (left) throw new Error(`${REDOC_BUNDLE} still loads ${left[0]} at run time`);
  return result;
}

/** @param {any} spec */
function readOperationCount(spec) {
  const methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
  return Object.values(spec.paths ?? {}).reduce((sum, item) => sum + methods.filter((m) => m in item).length, 0);
}

// The favicon is the logo's square mark alone; the full logo is too wide for a tab.
/** @param {string} svg */
function logoIcon(svg) {
  const mark = svg.match(/<rect[\s\S]*?<circle[^>]*\/>/);
  if (!mark) throw new Error("src/logo.svg lost its mark (rect ... circle); update logoIcon()");
  return svgDataUri(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 56 56">${mark[0]}</svg>`);
}

// node scripts/build.mjs [--spec bundle.json] [--out dir]
/** @param {string[]} argv */
function cliOptions(argv) {
  /** @type {{ specFile?: string, outDir?: string }} */
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if ((argv[i] === "--spec" || argv[i] === "--out") && value) {
      options[argv[i] === "--spec" ? "specFile" : "outDir"] = resolve(value);
      i++;
    } else throw new Error(`build: unknown or incomplete argument ${argv[i]} (expected --spec <bundle.json> or --out <dir>)`);
  }
  return options;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { output, bytes, spec } = build(cliOptions(process.argv.slice(2)));
    console.log(`Docs built from ${spec}: ${relative(process.cwd(), output)} (${Math.round(bytes / 1024)} KiB)`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
