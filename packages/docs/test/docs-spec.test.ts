// The docs' copy of the spec: what the build adds for readers, read back from the bundle.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSpec } from "@leat-openapi/spec-reader";
import { describe, expect, it } from "vitest";
import { changelogMarkdown, parseChangeset } from "../src/changelog.mjs";
import { docsSpec, ERROR_CODE_READER_TEXT, firstCallFacts } from "../src/docs-spec.mjs";
import { PREFER_HEADING } from "../src/prefer.mjs";
import { bundledSpecFile, distDir, packageDir, repoRoot } from "./helpers.js";

const bundle = JSON.parse(readFileSync(bundledSpecFile, "utf8"));
const built = docsSpec(bundle, { changelog: "### Unreleased\n\nA change.", repositoryUrl: "https://example.org/leat-openapi" });
const reader = readSpec(bundle);

/** The docs spec as the page carries it (inline JSON in index.html). */
function pageSpec() {
  const html = readFileSync(join(distDir, "index.html"), "utf8");
  const match = html.match(/<script id="docs-spec" type="application\/json">([\s\S]*?)<\/script>/);
  if (!match) throw new Error("dist/index.html has no docs-spec script");
  return JSON.parse(match[1]);
}

describe("docs spec", () => {
  it("leaves the bundle itself alone", () => {
    expect(JSON.parse(readFileSync(bundledSpecFile, "utf8"))).toEqual(bundle);
    expect(built).not.toBe(bundle);
  });

  it("starts with Getting started, filled from the spec, before the spec's own sections", () => {
    const description: string = built.info.description;
    const headings = [...description.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings[0]).toBe("Getting started");
    expect(headings).toEqual(expect.arrayContaining(["Authentication", "Errors", "Packages and downloads", "Changelog"]));
    expect(description).not.toMatch(/\{\{[\w.]+\}\}/);
    const first = firstCallFacts(bundle);
    const op = reader.operations().find((o) => o.path === first["firstCall.path"] && o.method === "get");
    expect(op, "the first call is an operation of the spec").toBeDefined();
    const success = Object.values(op!.responses).find((r) => r.status.startsWith("2"));
    const example = Object.values(success!.content["application/json"].examples)[0].value;
    expect(description).toContain(JSON.stringify(example, null, 2));
    expect(description).toContain(`leat.${first["firstCall.clientMethod"]}()`);
    expect(description).toContain(`curl "${bundle.servers[0].url}${first["firstCall.path"]}"`);
  });

  it("names the dashboard menu for tokens, the packages, the downloads and the repository", () => {
    const description: string = built.info.description;
    expect(description.replace(/\s+/g, " ")).toContain("**Apps**, then **Integrations**, then **Personal Access Tokens**");
    expect(description).toContain("npm install @leat-openapi/client");
    expect(description).toContain("@leat-openapi/mock-server");
    expect(description).toContain("[openapi.yaml](openapi.yaml)");
    expect(description).toContain("[openapi.json](openapi.json)");
    expect(description).toContain("(https://example.org/leat-openapi)");
    expect(description).toMatch(/3\.0\.0[\s\S]{0,80}v3/);
  });

  it("adds each operation's Prefer statuses and example names, as the mock reads them", () => {
    for (const op of reader.operations()) {
      const text: string = built.paths[op.path][op.method].description;
      const note = text.slice(text.indexOf(PREFER_HEADING));
      expect(text, op.label).toContain(PREFER_HEADING);
      for (const status of Object.keys(op.responses)) expect(note, `${op.label} ${status}`).toContain(`\`${status}\``);
      for (const response of Object.values(op.responses)) {
        for (const media of Object.values(response.content)) {
          for (const name of Object.keys(media.examples)) expect(note, `${op.label} ${name}`).toContain(`\`${name}\``);
        }
      }
    }
  });

  it("explains webhook signatures when the spec has webhooks, with what the client really exports", async () => {
    const withEvents = docsSpec({ ...bundle, webhooks: { contact_created: { post: { responses: {} } } } }, { changelog: "" });
    const withoutEvents = docsSpec({ ...bundle, webhooks: {} }, { changelog: "" });
    expect(withEvents.info.description).toContain("## Webhooks");
    expect(withoutEvents.info.description).not.toContain("## Webhooks");
    const text = readFileSync(join(packageDir, "src", "intro", "webhooks.md"), "utf8");
    const imported = text.match(/import \{([^}]+)\} from "@leat-openapi\/client"/);
    expect(imported).not.toBeNull();
    const client: Record<string, unknown> = await import("@leat-openapi/client");
    for (const name of imported![1].split(",").map((n) => n.trim()).filter(Boolean)) {
      expect(typeof client[name], `@leat-openapi/client exports ${name}`).toBe("function");
    }
    expect((client.verifyWebhook as (...args: unknown[]) => unknown).length).toBe(3);
  });

  it("tells readers what an error code is, not how the list is generated", () => {
    expect(built.components.schemas.ErrorCode.description).toBe(ERROR_CODE_READER_TEXT);
    expect(JSON.stringify(pageSpec().components.schemas.ErrorCode.description)).not.toMatch(/generated|x-enum/);
  });

  it("is what the built page carries", () => {
    const page = pageSpec();
    expect(page.info.description).toContain("## Getting started");
    expect(page.info.description).toContain("## Changelog");
    expect(Object.keys(page.paths)).toEqual(Object.keys(bundle.paths));
  });
});

describe("changelog", () => {
  it("reads a changeset's packages, bumps and text", () => {
    expect(parseChangeset('---\n"@leat-openapi/spec": minor\n"@leat-openapi/client": patch\n---\n\nText.\n')).toEqual({
      bumps: [
        ["@leat-openapi/spec", "minor"],
        ["@leat-openapi/client", "patch"],
      ],
      body: "Text.",
    });
  });

  it("refuses a changeset without front matter, naming the file", () => {
    const root = mkdtempSync(join(tmpdir(), "leat-changelog-"));
    mkdirSync(join(root, ".changeset"));
    writeFileSync(join(root, ".changeset", "broken.md"), "no front matter\n");
    expect(() => changelogMarkdown(root)).toThrow(/\.changeset\/broken\.md: A changeset must start/);
  });

  it("lists the pending changesets and the packages' CHANGELOG.md releases", () => {
    const root = mkdtempSync(join(tmpdir(), "leat-changelog-"));
    mkdirSync(join(root, ".changeset"));
    mkdirSync(join(root, "packages", "client"), { recursive: true });
    writeFileSync(join(root, ".changeset", "README.md"), "not a changeset");
    writeFileSync(join(root, ".changeset", "a.md"), '---\n"@leat-openapi/client": minor\n---\n\nNew thing.\n');
    writeFileSync(join(root, "packages", "client", "CHANGELOG.md"), "# @leat-openapi/client\n\n## 0.2.0\n\n### Minor Changes\n\n- Old thing.\n");
    const text = changelogMarkdown(root);
    expect(text).toContain("### Unreleased");
    expect(text).toContain("**`@leat-openapi/client` minor**\n\nNew thing.");
    expect(text).toContain("### client 0.2.0");
    expect(text).toContain("#### Minor Changes");
    expect(text).not.toContain("not a changeset");
  });

  it("covers every changeset in this repository", () => {
    const text = changelogMarkdown(repoRoot);
    const description: string = pageSpec().info.description;
    for (const line of text.split("\n").filter((l) => l.startsWith("**`"))) expect(description).toContain(line);
  });
});
