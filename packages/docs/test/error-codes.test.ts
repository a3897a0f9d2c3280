import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { errorCodeTable, withErrorCodeTable } from "../src/error-codes.mjs";
import { bundledSpecFile, distDir } from "./helpers.js";

const spec = JSON.parse(readFileSync(bundledSpecFile, "utf8"));
const codes: number[] = spec.components.schemas.ErrorCode.enum;

describe("error code table", () => {
  it("has one row per ErrorCode value, with its name, message and meaning", () => {
    const table = errorCodeTable(spec).split("\n");
    expect(table).toHaveLength(codes.length + 2);
    const schema = spec.components.schemas.ErrorCode;
    codes.forEach((code, i) => {
      expect(table[i + 2]).toBe(
        `| ${code} | ${schema["x-enum-varnames"][i]} | ${schema["x-enum-messages"][code]} | ${schema["x-enumDescriptions"][code]} |`,
      );
    });
  });

  it("is empty for a spec without ErrorCode, and then leaves the description alone", () => {
    expect(errorCodeTable({ components: {} })).toBe("");
    expect(withErrorCodeTable("intro", "")).toBe("intro");
  });

  it("goes at the end of the Errors section, before the next section", () => {
    const out = withErrorCodeTable("# A\n\n## Errors\n\nText.\n\n## Limits\n\nMore.", "| t |");
    expect(out).toBe("# A\n\n## Errors\n\nText.\n\n### Error codes\n\n| t |\n\n## Limits\n\nMore.");
  });

  it("goes at the end when Errors is the last section or missing", () => {
    expect(withErrorCodeTable("## Errors\n\nText.\n", "| t |")).toBe("## Errors\n\nText.\n\n### Error codes\n\n| t |\n");
    expect(withErrorCodeTable("Intro.", "| t |")).toBe("Intro.\n\n### Error codes\n\n| t |\n");
  });

  it("is rendered in the built page, every code in a table cell", () => {
    const html = readFileSync(join(distDir, "index.html"), "utf8");
    for (const code of codes) expect(html).toContain(`<td>${code}</td>`);
  });
});
