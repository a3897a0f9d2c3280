import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { errorCodeList, withErrorCodeList } from "../src/error-codes.mjs";
import { bundledSpecFile, distDir } from "./helpers.js";

const spec = JSON.parse(readFileSync(bundledSpecFile, "utf8"));
const codes: number[] = spec.components.schemas.ErrorCode.enum;

describe("error code list", () => {
  it("has one line per ErrorCode value, with its name, message and meaning", () => {
    const lines = errorCodeList(spec).split("\n");
    expect(lines).toHaveLength(codes.length);
    const schema = spec.components.schemas.ErrorCode;
    codes.forEach((code, i) => {
      expect(lines[i]).toBe(
        `- **${code}** \`${schema["x-enum-varnames"][i]}\`: "${schema["x-enum-messages"][code]}" ${schema["x-enumDescriptions"][code]}`,
      );
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

  it("is rendered in the built page, every code in bold", () => {
    const html = readFileSync(join(distDir, "index.html"), "utf8");
    for (const code of codes) expect(html).toContain(`<strong>${code}</strong>`);
  });
});
