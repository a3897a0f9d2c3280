import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { extractSamples } from "../scripts/extract-samples.mjs";
import { bundledSpecFile, listOperations, packageDir, redocly, repoRoot, samplesDir, testOutputDir } from "./helpers.js";

const fixtureDir = join(packageDir, "test", "fixtures", "samples-spec");
const pluginFile = join(repoRoot, "spec", "plugins", "leat.js");
const tscBin = join(packageDir, "node_modules", "typescript", "bin", "tsc");

const LANGUAGES = [
  { folder: "TypeScript", lang: "TypeScript", label: "TypeScript", ext: "ts" },
  { folder: "cURL", lang: "curl", label: "cURL", ext: "sh" },
];

// Written independently of the decorator, so a change to its naming rule shows up here.
const sampleFile = (root: string, folder: string, path: string, method: string, ext: string) =>
  join(root, folder, path.slice(1).split("/").join("_"), `${method}.${ext}`);

const workDirs: string[] = [];
afterEach(() => {
  for (const dir of workDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Copies the fixture spec to a temp folder with a config that turns the decorator on. */
function fixtureCopy() {
  const dir = mkdtempSync(join(tmpdir(), "leat-samples-"));
  workDirs.push(dir);
  cpSync(fixtureDir, dir, { recursive: true });
  writeFileSync(
    join(dir, "redocly.yaml"),
    `plugins:\n  - ${JSON.stringify(pluginFile)}\ndecorators:\n  leat/code-samples: on\n`,
  );
  return dir;
}

function bundle(dir: string) {
  const out = join(dir, "out.json");
  const result = redocly(["bundle", "openapi.yaml", "--config", "redocly.yaml", "--ext", "json", "--output", out], dir);
  return { ...result, out };
}

describe("leat/code-samples decorator", () => {
  it("attaches each operation's TypeScript and cURL files, in that order, keeping other inline samples", () => {
    const dir = fixtureCopy();
    const { status, output, out } = bundle(dir);
    expect(status, output).toBe(0);
    const operations = listOperations(out);
    expect(operations.map((op) => op.operationId).sort()).toEqual(["deletePet", "getPet"]);
    for (const op of operations) {
      const fromFiles = LANGUAGES.map(({ folder, lang, label, ext }) => ({
        lang,
        label,
        source: readFileSync(sampleFile(join(dir, "code_samples"), folder, op.path, op.method, ext), "utf8"),
      }));
      expect(op.codeSamples.slice(0, 2)).toEqual(fromFiles);
    }
    const deletePet = operations.find((op) => op.operationId === "deletePet");
    expect(deletePet?.codeSamples[2]?.lang).toBe("Python");
  });

  it("generates the cURL sample of an operation without a file", () => {
    const dir = fixtureCopy();
    unlinkSync(join(dir, "code_samples", "cURL", "pets_{pet_id}", "get.sh"));
    const { status, output, out } = bundle(dir);
    expect(status, output).toBe(0);
    const getPet = listOperations(out).find((op) => op.operationId === "getPet");
    const curl = getPet?.codeSamples.find((s) => s.lang === "curl");
    expect(curl?.label).toBe("cURL");
    expect(curl?.source).toContain('"$URL/pets/$PET_ID"');
    expect(curl?.source).toContain("PET_ID='<pet_id>'");
  });

  it("generates the TypeScript sample from x-client-method", () => {
    const dir = fixtureCopy();
    unlinkSync(join(dir, "code_samples", "TypeScript", "pets_{pet_id}", "get.ts"));
    const pathFile = join(dir, "paths", "pets_{pet_id}.yaml");
    writeFileSync(pathFile, readFileSync(pathFile, "utf8").replace("operationId: getPet", "operationId: getPet\n  x-client-method: pets.get"));
    const { status, output, out } = bundle(dir);
    expect(status, output).toBe(0);
    const getPet = listOperations(out).find((op) => op.operationId === "getPet");
    expect(getPet?.codeSamples[0]?.source).toContain('await leat.pets.get("<pet_id>");');
  });

  it("fails the bundle when a TypeScript sample can be neither read nor generated", () => {
    const dir = fixtureCopy();
    unlinkSync(join(dir, "code_samples", "TypeScript", "pets_{pet_id}", "get.ts"));
    const { status, output, out } = bundle(dir);
    expect(status).not.toBe(0);
    expect(output).toContain(
      "No TypeScript code sample for GET /pets/{pet_id}: add TypeScript/pets_{pet_id}/get.ts or give the operation an x-client-method",
    );
    expect(existsSync(out)).toBe(false);
  });

  it("fails the bundle when a sample matches no operation", () => {
    const dir = fixtureCopy();
    mkdirSync(join(dir, "code_samples", "TypeScript", "cats"));
    writeFileSync(join(dir, "code_samples", "TypeScript", "cats", "get.ts"), "// stale\n");
    const { status, output } = bundle(dir);
    expect(status).not.toBe(0);
    expect(output).toContain("Code sample TypeScript/cats/get.ts matches no operation in the description.");
  });
});

describe("the bundled spec", () => {
  const operations = listOperations();

  it("has operations to document", () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  it.each(operations.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
    "%s carries its TypeScript and cURL samples: the file where there is one, else generated",
    (_name, op) => {
      expect(op.codeSamples.map((s) => s.lang).slice(0, 2)).toEqual(LANGUAGES.map((l) => l.lang));
      for (const { folder, lang, label, ext } of LANGUAGES) {
        const file = sampleFile(samplesDir, folder, op.path, op.method, ext);
        const sample = op.codeSamples.find((s) => s.lang === lang);
        expect(sample?.label).toBe(label);
        if (existsSync(file)) {
          expect(sample?.source).toBe(readFileSync(file, "utf8"));
        } else if (lang === "TypeScript") {
          expect(sample?.source).toContain(`await leat.${op.clientMethod}(`);
        } else {
          expect(sample?.source).toContain(op.method === "get" ? "curl " : `--request ${op.method.toUpperCase()}`);
        }
      }
    },
  );

  it("keeps generated sample lines within 60 characters (but for one word that cannot be broken)", () => {
    // e.g. `    contact_identifier_value=<uuid> \`, a query value on a continuation line of its own
    const unbreakable = /^\s*\S+( \\)?$/;
    const long = operations.flatMap((op) =>
      op.codeSamples.flatMap((s) =>
        s.source
          .split("\n")
          .filter((line) => line.length > 60 && !(unbreakable.test(line) && line.length <= 72))
          .map((line) => `${op.operationId} ${s.lang}: ${line}`),
      ),
    );
    expect(long).toEqual([]);
  });
});

describe("TypeScript samples", () => {
  const operations = listOperations();
  const tsc = (project: string) =>
    spawnSync(process.execPath, [tscBin, "--noEmit", "-p", project], { cwd: packageDir, encoding: "utf8" });

  it("type-check against the built @leat-openapi/client", () => {
    expect(extractSamples(bundledSpecFile).filter((f) => f.endsWith(".ts"))).toHaveLength(operations.length);
    const clientTypes = join(packageDir, "node_modules", "@leat-openapi", "client", "dist", "index.d.ts");
    expect(existsSync(clientTypes), "build the client first: pnpm --filter @leat-openapi/client run build").toBe(true);
    const result = tsc("tsconfig.samples.json");
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("would fail the check if a sample called the client wrongly", () => {
    const dir = join(testOutputDir, "broken-sample");
    mkdirSync(dir, { recursive: true });
    const createUnit = listOperations().find((op) => op.operationId === "createUnit");
    const good = createUnit?.codeSamples.find((s) => s.lang === "TypeScript")?.source ?? "";
    // A unit's name is a string; a number must be refused by the client's types.
    const broken = good.replace(/name: "calories"/, "name: 42");
    expect(broken).not.toBe(good);
    writeFileSync(join(dir, "post.ts"), broken);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ extends: "../../tsconfig.samples.json", include: ["./post.ts"] }),
    );
    const result = tsc(join(dir, "tsconfig.json"));
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/post\.ts\(\d+,\d+\): error TS2322/);
  });
});
