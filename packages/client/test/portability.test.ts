// The client must run in browsers, Deno, Bun and edge runtimes: no Node built-ins, no other
// runtime dependency than openapi-fetch.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import packageJson from "../package.json" with { type: "json" };

const srcDir = fileURLToPath(new URL("../src", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

describe("portability", () => {
  it("src imports nothing but openapi-fetch and its own files (and the spec's types, type-only)", () => {
    const files = sources(srcDir);
    expect(files.length).toBeGreaterThan(5);
    const imports = files.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/(import|export)(\s+type)?[^'"]*?from\s+["']([^"']+)["']/g)].map((m) => ({
        typeOnly: Boolean(m[2]),
        spec: m[3]!,
      })),
    );
    const runtime = [...new Set(imports.filter((i) => !i.typeOnly && !i.spec.startsWith(".")).map((i) => i.spec))];
    expect(runtime).toEqual(["openapi-fetch"]);
    // Types only: the build inlines them into dist/*.d.ts (test/dist.test.ts checks it).
    const typeOnly = [...new Set(imports.filter((i) => i.typeOnly && !i.spec.startsWith(".")).map((i) => i.spec))];
    expect(typeOnly).toEqual(["@leat-openapi/spec/schema"]);
  });

  it("src does not touch Node-only globals", () => {
    for (const file of sources(srcDir)) {
      expect(readFileSync(file, "utf8"), file).not.toMatch(/\b(process|Buffer|require|__dirname)\b/);
    }
  });

  it("openapi-fetch is the only runtime dependency", () => {
    expect(Object.keys(packageJson.dependencies)).toEqual(["openapi-fetch"]);
  });
});
