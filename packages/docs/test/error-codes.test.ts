import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { errorCodeList, withErrorCodeList } from "../src/error-codes.mjs";
import { readSpec } from "@leat-openapi/spec-reader";
import { bundledSpecFile, distDir } from "./helpers.js";

const reader = readSpec(bundledSpecFile);
const spec = reader.document;
const codes = reader.errorCodes().map((info) => info.code);

describe("error code list", () => {
  it("has one line per ErrorCode value, with its name, message and meaning", () => {
    const lines = errorCodeList(spec).split("\n");
    expect(codes.length).toBeGreaterThan(0);
    expect(lines).toHaveLength(codes.length);
    reader.errorCodes().forEach(({ code, name, message, description }, i) => {
      for (const part of [name, message, description]) expect(part, `error code ${code}`).toBeTruthy();
      expect(lines[i]).toBe(`- **${code}** \`${name}\`: "${message}" ${description}`);
    });
  });

  it("is empty for a spec without ErrorCode, and then leaves the description alone", () => {
    expect(errorCodeList({ components: {} })).toBe("");
    expect(withErrorCodeList("intro", "")).toBe("intro");
  });

  it("goes at the end of the Errors section, before the next section", () => {
    const out = withErrorCodeList("# A\n\n## Errors\n\nText.\n\n## Limits\n\nMore.", "- x");
    expect(out).toBe("# A\n\n## Errors\n\nText.\n\n### Error codes\n\n- x\n\n## Limits\n\nMore.");
  });

  it("goes at the end when Errors is the last section or missing", () => {
    expect(withErrorCodeList("## Errors\n\nText.\n", "- x")).toBe("## Errors\n\nText.\n\n### Error codes\n\n- x\n");
    expect(withErrorCodeList("Intro.", "- x")).toBe("Intro.\n\n### Error codes\n\n- x\n");
  });

  it("is in the page's spec, every code in bold, in the Errors section", () => {
    const html = readFileSync(join(distDir, "index.html"), "utf8");
    const inline = html.match(/<script id="docs-spec" type="application\/json">([\s\S]*?)<\/script>/);
    expect(inline).not.toBeNull();
    const description: string = JSON.parse(inline![1]).info.description;
    const errors = description.slice(description.indexOf("## Errors"));
    const section = errors.slice(0, errors.indexOf("\n## ", 4) === -1 ? undefined : errors.indexOf("\n## ", 4));
    for (const code of codes) expect(section).toContain(`- **${code}**`);
  });
});
