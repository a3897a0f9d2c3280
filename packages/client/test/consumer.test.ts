// The published types in a Node project without the DOM library and with
// exactOptionalPropertyTypes (test/consumer/): they compile, and headers are not `any` there.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const project = fileURLToPath(new URL("./consumer/tsconfig.json", import.meta.url));

describe("a Node consumer's type check (dist/index.d.ts; run the build first)", () => {
  it("compiles without lib.dom, under exactOptionalPropertyTypes, with every @ts-expect-error used", () => {
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", project], { encoding: "utf8" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe("");
  }, 60_000);
});
