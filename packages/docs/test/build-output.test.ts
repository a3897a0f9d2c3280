import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findExternalResources } from "../src/offline-check.mjs";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { bundledSpecFile, distDir, redocly, testOutputDir } from "./helpers.js";

describe("offline check", () => {
  it.each([
    ['<script src="https://cdn.example.org/redoc.js"></script>', "<script>"],
    ['<link rel="stylesheet" href="//cdn.example.org/a.css">', "<link>"],
    ["<style>@import 'https://fonts.example.org/a.css';</style>", "css @import"],
    ["<style>@font-face{src:url(https://fonts.gstatic.com/x.woff2)}</style>", "css url()"],
    ['<img src="http://example.org/logo.png">', "<img>"],
    ['<script type="module">import { hydrate } from "https://cdn.example.org/r.js";</script>', "module import"],
  ])("flags %s", (html, kind) => {
    expect(findExternalResources(html).map((found) => found.kind)).toContain(kind);
  });

  it("allows same-origin resources, data: URIs and links in text", () => {
    const html =
      '<script src="/app.js"></script><link rel="icon" href="data:image/svg+xml;base64,AA">' +
      '<img src="logo.svg"><a href="https://api.piggy.eu/">Leat</a><style>a{background:url(data:x)}</style>';
    expect(findExternalResources(html)).toEqual([]);
  });

  it("catches the page build-docs makes without --inlineBundle", () => {
    const out = join(testOutputDir, "cdn-page.html");
    const { status, output } = redocly(["build-docs", join(distDir, "openapi.json"), "--output", out]);
    expect(status, output).toBe(0);
    const found = findExternalResources(readFileSync(out, "utf8"));
    expect(found.some((item) => /^https:\/\/cdn\.redoc/.test(item.url))).toBe(true);
  });
});

describe("dist/index.html", () => {
  const file = join(distDir, "index.html");

  it("exists (run the build first)", () => {
    expect(existsSync(file)).toBe(true);
  });

  it("loads nothing from another origin", () => {
    expect(findExternalResources(readFileSync(file, "utf8"))).toEqual([]);
  });

  it("carries our title, theme switch and palette, and loads Redoc from beside itself", () => {
    const html = readFileSync(file, "utf8");
    expect(html).toContain("<title>Leat loyalty API reference</title>");
    expect(html).toContain('<button type="button" id="theme-toggle"');
    expect(html).toContain('<script src="redoc.standalone.js"></script>');
    expect(html).not.toMatch(/fonts\.(googleapis|gstatic)\.com/);
  });

  it("ships Redoc without its CDN image, and the bundled spec, YAML and JSON, beside the page", () => {
    const redoc = readFileSync(join(distDir, "redoc.standalone.js"), "utf8");
    expect(redoc).not.toContain("cdn.redoc.ly");
    expect(redoc).toContain("data:image/svg+xml;base64,");
    expect(existsSync(join(distDir, "redoc.standalone.js.LICENSE.txt"))).toBe(true);
    expect(readFileSync(join(distDir, "openapi.json"), "utf8")).toBe(readFileSync(bundledSpecFile, "utf8"));
    expect(readFileSync(join(distDir, "openapi.yaml"), "utf8")).toBe(readFileSync(bundledSpecFile.replace(/json$/, "yaml"), "utf8"));
    expect(readFileSync(join(distDir, "logo.svg"), "utf8")).toContain("<svg");
  });

  it("writes gzip and brotli copies of every text file, equal to the file", () => {
    for (const name of ["index.html", "redoc.standalone.js", "openapi.json", "openapi.yaml"]) {
      const plain = readFileSync(join(distDir, name));
      expect(gunzipSync(readFileSync(join(distDir, `${name}.gz`))).equals(plain), name).toBe(true);
      expect(brotliDecompressSync(readFileSync(join(distDir, `${name}.br`))).equals(plain), name).toBe(true);
    }
  });
});
