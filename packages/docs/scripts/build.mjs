#!/usr/bin/env node
// Builds dist/index.html from the bundled spec with Redocly's build-docs. The page carries
// Redoc inline (--inlineBundle), our template, palette and logo, and is refused when it would
// still load anything from another origin.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { errorCodeList, withErrorCodeList } from "../src/error-codes.mjs";
import { findExternalResources } from "../src/offline-check.mjs";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = join(packageDir, "..", "..");
const defaultDistDir = join(packageDir, "dist");
const src = (/** @type {string} */ name) => join(packageDir, "src", name);

export const PAGE_TITLE = "Leat loyalty API reference";

function locateSpec() {
  const require = createRequire(join(packageDir, "package.json"));
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

/**
 * @param {{ specFile?: string, outDir?: string }} [options] another bundle to build from, and
 *   another folder to write (the scale test builds a synthetic spec's page)
 */
export function build(options = {}) {
  const specFile = options.specFile ?? locateSpec();
  if (!existsSync(specFile)) throw new Error(`The bundled spec ${specFile} does not exist.`);
  const distDir = options.outDir ?? defaultDistDir;
  const spec = JSON.parse(readFileSync(specFile, "utf8"));
  const logo = svgDataUri(readFileSync(src("logo.svg"), "utf8"));

  // The logo is presentation, so it is added to the docs' copy only; consumers of
  // openapi.json do not get a data: URI in their spec. Inline, it also costs no request.
  spec.info = {
    ...spec.info,
    "x-logo": { url: logo, altText: "Leat loyalty API", href: "/" },
    description: withErrorCodeList(spec.info?.description ?? "", errorCodeList(spec)),
  };

  const work = mkdtempSync(join(tmpdir(), "leat-docs-"));
  try {
    const docsSpec = join(work, "openapi.json");
    writeFileSync(docsSpec, JSON.stringify(spec));
    const template = readFileSync(src("page.hbs"), "utf8")
      .replace("%%THEME_CSS%%", readFileSync(src("theme.css"), "utf8"))
      .replace("%%FAVICON%%", logoIcon());
    const templateFile = join(work, "page.hbs");
    writeFileSync(templateFile, template);

    rmSync(distDir, { recursive: true, force: true });
    mkdirSync(distDir, { recursive: true });
    const output = join(distDir, "index.html");
    const result = spawnSync(
      process.execPath,
      [
        join(repoRoot, "scripts", "redocly.mjs"),
        "build-docs",
        docsSpec,
        "--inlineBundle",
        "--template",
        templateFile,
        "--openapi",
        src("redoc-options.json"),
        "--title",
        PAGE_TITLE,
        "--output",
        output,
      ],
      { cwd: packageDir, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
    );
    if (result.status !== 0) {
      process.stderr.write(result.stdout + result.stderr);
      throw new Error(`redocly build-docs failed with exit code ${result.status}`);
    }

    const html = localiseRuntimeImages(readFileSync(output, "utf8"));
    writeFileSync(output, html);
    const external = findExternalResources(html);
    if (external.length > 0) {
      const list = external.map((item) => `  ${item.kind} ${item.url}`).join("\n");
      throw new Error(`dist/index.html would load resources from other origins:\n${list}`);
    }
    // Offered for download next to the page: the bundled spec exactly as consumers get it.
    copyFileSync(specFile, join(distDir, "openapi.json"));
    copyFileSync(src("logo.svg"), join(distDir, "logo.svg"));
    return { output, bytes: Buffer.byteLength(html), spec: relative(repoRoot, specFile) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// Redoc's sidebar footer loads its attribution images from its CDN at runtime, which the
// static check cannot see and an offline reader would see fail. Keep the attribution, drawn
// by us, inline. Failing loudly when the URLs move keeps this from silently going stale.
/** @type {Record<string, string>} */
const RUNTIME_IMAGES = {
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg": "redoc-badge.svg",
  "https://cdn.redoc.ly/redoc/logo-mini.svg": "redoc-badge-mini.svg",
};

/** @param {string} html */
function localiseRuntimeImages(html) {
  let result = html;
  for (const [url, file] of Object.entries(RUNTIME_IMAGES)) {
    if (!result.includes(url)) {
      throw new Error(`Redoc no longer references ${url}; review RUNTIME_IMAGES in scripts/build.mjs.`);
    }
    result = result.replaceAll(url, svgDataUri(readFileSync(src(file), "utf8")));
  }
  return result;
}

// The favicon is the logo's square mark alone; the full logo is too wide for a tab.
function logoIcon() {
  const svg = readFileSync(src("logo.svg"), "utf8");
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
