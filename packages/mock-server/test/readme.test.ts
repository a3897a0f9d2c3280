// The README's Prefer section names example keys; each must be one the mock accepts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contractOperations } from "./contract/spec-walk.js";
import { loadSpec, packageRoot } from "./helpers.js";

describe("README", () => {
  it("names only example keys the spec has, including those every operation has", () => {
    const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Error scenarios on demand"), readme.indexOf("## Persistence"));
    const named = new Set([...section.matchAll(/`(?:Prefer: )?(?:code=\d+, )?(?:example=)?([a-z][A-Za-z]+)`/g)].map((m) => m[1]!));
    const known = new Set(contractOperations(loadSpec()).flatMap((op) => op.responses.flatMap((r) => r.examples)));
    expect(named.size).toBeGreaterThan(5);
    expect([...named].filter((name) => !known.has(name)), "named in the README but not in the spec").toEqual([]);
    // The shared ones: the examples of the statuses every operation documents.
    const shared = contractOperations(loadSpec())
      .map((op) => new Set(op.responses.filter((r) => r.status !== 400 && r.status >= 300).flatMap((r) => r.examples)))
      .reduce((a, b) => new Set([...a].filter((n) => b.has(n))));
    expect(shared.size).toBeGreaterThan(0);
    expect([...shared].filter((name) => !named.has(name)), "every operation has these, but the README does not name them").toEqual([]);
  });
});
