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

  it("src does not touch Node-only globals (but reads LEAT_LOG where an environment exists)", () => {
    // The one guarded read: an optional chain on globalThis, undefined where there is no `process`.
    const guarded = ["type WithEnvironment = { process?: {", "(globalThis as WithEnvironment).process?.env?.LEAT_LOG"];
    let seen = 0;
    for (const file of sources(srcDir)) {
      let text = readFileSync(file, "utf8");
      for (const allowed of guarded) {
        seen += text.split(allowed).length - 1;
        text = text.replaceAll(allowed, "");
      }
      // Uses of the globals, not the words: `orders.process` is an operation's method name.
      const withoutStrings = text.replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
      expect(withoutStrings, file).not.toMatch(/\b(process|Buffer)\s*(\.|\?\.|\[)|\btypeof\s+(process|Buffer)\b|\brequire\s*\(|\b__(dirname|filename)\b/);
    }
    expect(seen).toBe(guarded.length);
  });

  it("openapi-fetch is the only runtime dependency", () => {
    expect(Object.keys(packageJson.dependencies)).toEqual(["openapi-fetch"]);
  });
});
