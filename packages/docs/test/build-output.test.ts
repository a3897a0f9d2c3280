import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findExternalResources } from "../src/offline-check.mjs";
import { distDir, redocly, testOutputDir } from "./helpers.js";

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

  it("no longer mentions Redoc's CDN images, and carries our title and palette", () => {
    const html = readFileSync(file, "utf8");
    expect(html).not.toContain("cdn.redoc.ly/redoc/logo-mini");
    expect(html).toContain("<title>Leat loyalty API reference</title>");
    expect(html).toContain("--color-brand-6: #0d6b5f");
    expect(html).not.toMatch(/fonts\.(googleapis|gstatic)\.com/);
  });

  it("ships the bundled spec and the logo beside the page", () => {
    expect(existsSync(join(distDir, "openapi.json"))).toBe(true);
    expect(readFileSync(join(distDir, "logo.svg"), "utf8")).toContain("<svg");
  });
});
