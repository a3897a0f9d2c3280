// The repository's pipeline, stage by stage, run on a spec tree written by generate.mjs (a
// folder holding spec/ and redocly.yaml). Each stage calls the same tools, configuration and
// scripts as the real build: Redocly with the repo's redocly.yaml and plugins, the two lint
// passes of scripts/lint-spec.mjs, openapi-typescript, tsc, packages/docs/scripts/build.mjs,
// the client's generator (on a copy of packages/client) and the mock server's start-up.
// A stage that fails throws an Error carrying the tool's output.
import { execFile, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readSpec } from "@leat-openapi/spec-reader";
import { repoRoot } from "./generate.mjs";

const require = createRequire(import.meta.url);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (pkg, path) => join(dirname(require.resolve(`${pkg}/package.json`)), path);

/** Where each stage reads and writes, inside a generated tree. */
export function layout(work) {
  return {
    work,
    root: join(work, "spec", "openapi.yaml"),
    bundle: join(work, "spec", "dist", "openapi.json"),
    schema: join(work, "spec", "dist", "schema.d.ts"),
    consumer: join(work, "types", "every-operation.ts"),
    docs: join(work, "docs"),
    client: join(work, "client"),
    samples: join(work, "samples"),
    runnable: join(work, "samples-js"),
  };
}

function run(what, command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, ...options });
  if (result.error) throw new Error(`${what}: could not start ${command}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${`${result.stdout}${result.stderr}`.slice(-8000)}`);
  return `${result.stdout}${result.stderr}`;
}

const redocly = (what, work, args) => run(what, process.execPath, [join(repoRoot, "scripts", "redocly.mjs"), ...args], { cwd: work });

/** `redocly bundle` with the decorators, YAML and JSON, as spec/package.json's build does. */
export function bundle(work) {
  const { bundle: file } = layout(work);
  redocly("bundle", work, ["bundle", "leat@v1", "--config", "redocly.yaml", "--output", file.replace(/\.json$/, ".yaml")]);
  redocly("bundle", work, ["bundle", "leat@v1", "--config", "redocly.yaml", "--ext", "json", "--output", file]);
  return file;
}

/** scripts/lint-spec.mjs's two passes: the sources without the shared-parts rules, then the decorated bundle with every rule. */
export function lint(work) {
  redocly("lint (sources)", work, ["lint", "leat@v1", "--config", "redocly.yaml"]);
  redocly("lint (bundle)", work, ["lint", layout(work).bundle, "--config", "redocly.yaml"]);
}

/** openapi-typescript of the bundle, as the spec's build writes dist/schema.d.ts. */
export function types(work) {
  const { bundle: file, schema } = layout(work);
  run("types", process.execPath, [bin("openapi-typescript", "bin/cli.js"), file, "-o", schema]);
  return schema;
}

const tsc = (what, project) => run(what, process.execPath, [bin("typescript", "bin/tsc"), "--noEmit", "-p", project]);

/**
 * tsc over the generated types and a file that names every operation's success body by its
 * path, method and status, so an operation missing from the types fails the check.
 */
export function typecheck(work) {
  const paths = layout(work);
  const lines = readSpec(paths.bundle)
    .operations()
    .flatMap((op, i) =>
      Object.keys(op.responses)
        .filter((status) => /^2\d\d$/.test(status))
        .map(
          (status, j) =>
            `export type Op${i}_${j} = paths[${JSON.stringify(op.path)}][${JSON.stringify(op.method)}]["responses"][${status}]["content"]["application/json"]["data"];`,
        ),
    );
  mkdirSync(dirname(paths.consumer), { recursive: true });
  writeFileSync(paths.consumer, `import type { paths } from "../spec/dist/schema.js";\n\n${lines.join("\n")}\n`);
  const project = join(dirname(paths.consumer), "tsconfig.json");
  writeFileSync(
    project,
    JSON.stringify({
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, types: [] },
      files: [relative(dirname(project), paths.schema), relative(dirname(project), paths.consumer)],
    }),
  );
  tsc("typecheck", project);
  return lines.length;
}

/** packages/docs/scripts/build.mjs pointed at the bundle. */
export function docs(work) {
  const { bundle: file, docs: out } = layout(work);
  run("docs build", process.execPath, [join(repoRoot, "packages", "docs", "scripts", "build.mjs"), "--spec", file, "--out", out]);
  return join(out, "index.html");
}

/**
 * A copy of packages/client (sources and generator, its node_modules linked) with its generated
 * folder written from this bundle by the client's own generator.
 */
export function client(work) {
  const { bundle: file, client: dir } = layout(work);
  const source = join(repoRoot, "packages", "client");
  rmSync(dir, { recursive: true, force: true });
  cpSync(source, dir, { recursive: true, filter: (path) => !/[\\/](node_modules|dist|test|test-output)$/.test(path) });
  symlinkSync(join(source, "node_modules"), join(dir, "node_modules"), "dir");
  run("client generate", process.execPath, [join(dir, "scripts", "generate.mjs"), "--spec", file], { cwd: dir });
  return dir;
}

/**
 * The bundle's code samples (x-codeSamples, written by the code-samples decorator) extracted by
 * packages/docs/scripts/extract-samples.mjs, then type-checked together with the client copy's
 * sources: `@leat-openapi/client` is that copy and `@leat-openapi/spec/schema` this bundle's types.
 */
export async function samples(work) {
  const paths = layout(work);
  const { extractSamples } = await import(pathToFileURL(join(repoRoot, "packages", "docs", "scripts", "extract-samples.mjs")).href);
  const files = extractSamples(paths.bundle, paths.samples);
  const project = join(work, "tsconfig.samples.json");
  writeFileSync(
    project,
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          lib: ["ES2022", "DOM", "DOM.Iterable"],
          module: "ESNext",
          moduleResolution: "Bundler",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          noUnusedLocals: true,
          noUncheckedIndexedAccess: true,
          types: ["node"],
          typeRoots: [join(packageDir, "node_modules", "@types")],
          baseUrl: ".",
          paths: {
            "@leat-openapi/client": ["./client/src/index.ts"],
            "@leat-openapi/spec/schema": ["./spec/dist/schema.d.ts"],
          },
        },
        include: ["samples/TypeScript/**/*.ts", "client/src/**/*.ts"],
      },
      null,
      2,
    ),
  );
  tsc("samples typecheck", project);
  return files.filter((f) => f.endsWith(".ts"));
}

/** esbuild bundles of the TypeScript samples, each importing the client copy's sources. */
export async function runnableSamples(work) {
  const paths = layout(work);
  const esbuild = await import("esbuild");
  const entries = readSpec(paths.bundle)
    .operations()
    .map((op) => ({ op, file: join(paths.samples, "TypeScript", op.path.slice(1).split("/").join("_"), `${op.method}.ts`) }))
    .filter(({ file }) => existsSync(file));
  rmSync(paths.runnable, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: Object.fromEntries(entries.map(({ op, file }) => [op.operationId, file])),
    outdir: paths.runnable,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "error",
    alias: { "@leat-openapi/client": join(paths.client, "src", "index.ts") },
    define: { __LEAT_CLIENT_VERSION__: JSON.stringify("0.0.0-scale") },
  });
  return entries.map(({ op }) => ({ operationId: op.operationId, file: join(paths.runnable, `${op.operationId}.mjs`) }));
}

/**
 * Runs the bundled samples in one child process against `env` (LEAT_BASE_URL, LEAT_API_KEY).
 * @returns {Promise<{ file: string, ok: boolean, stdout: string, error?: string }[]>}
 */
export function runSamples(files, env) {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [join(packageDir, "src", "run-samples.mjs"), ...files],
      { encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024, timeout: 600_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`running the samples failed: ${error.message}\n${stderr.slice(-4000)}`));
        try {
          resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "[]"));
        } catch {
          reject(new Error(`the sample runner printed no results:\n${stdout.slice(-2000)}${stderr.slice(-2000)}`));
        }
      },
    );
    child.stdin?.end();
  });
}

/** What a request for an operation carries, from the spec's examples (path, query, JSON body). */
export function exampleRequest(op) {
  const first = (node) => {
    const named = Object.values(node?.examples ?? {})[0];
    return named && "value" in named ? named.value : node?.example;
  };
  let url = op.path;
  const query = new URLSearchParams();
  for (const p of op.parameters) {
    const value = first(p) ?? p.schema?.examples?.[0];
    if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(String(value)));
    if (p.in === "query" && value !== undefined) query.set(p.name, String(value));
  }
  const json = op.requestBody?.content["application/json"];
  const body = json ? first(json) : undefined;
  return {
    method: op.method.toUpperCase(),
    url: `${url}${query.size > 0 ? `?${query}` : ""}`,
    body: body === undefined ? undefined : JSON.stringify(body),
    success: Object.keys(op.responses)
      .filter((s) => /^2\d\d$/.test(s))
      .map(Number),
  };
}

/** The built mock server's module (packages/mock-server/dist). */
export async function mockServerModule() {
  return import("@leat-openapi/mock-server");
}

/** The stages the bench times, in pipeline order; `mock` is the mock server's start-up to its first answer, in a fresh process. */
export const TIMED_STAGES = ["bundle", "lint", "types", "typecheck", "docs", "mock"];

/** Start-up of the mock server on this bundle in a fresh Node process: import, read, listen, first answer. */
export function mockStartup(work) {
  const script = `
    const t0 = performance.now();
    const { startMockServer } = await import(${JSON.stringify(require.resolve("@leat-openapi/mock-server"))});
    const { readFileSync } = await import("node:fs");
    const document = JSON.parse(readFileSync(${JSON.stringify(layout(work).bundle)}, "utf8"));
    const mock = await startMockServer({ port: 0, document });
    const answer = await fetch(mock.url + ${JSON.stringify(
      readSpec(layout(work).bundle)
        .operations()
        .find((op) => !op.path.includes("{"))?.path ?? "/",
    )}, { headers: { authorization: "Bearer scale" } });
    await answer.text();
    await mock.close();
    process.stdout.write("\\nstartup-ms " + (performance.now() - t0));
  `;
  const output = run("mock start-up", process.execPath, ["--input-type=module", "-e", script]);
  return Number(/startup-ms ([\d.]+)/.exec(output)?.[1]);
}

/** Runs one named stage (the bench's unit of measurement). */
export function runStage(stage, work) {
  switch (stage) {
    case "bundle":
      return bundle(work);
    case "lint":
      return lint(work);
    case "types":
      return types(work);
    case "typecheck":
      return typecheck(work);
    case "docs":
      return docs(work);
    case "mock":
      return mockStartup(work);
    default:
      throw new Error(`unknown stage ${stage} (expected one of ${TIMED_STAGES.join(", ")})`);
  }
}

export const readBundle = (work) => JSON.parse(readFileSync(layout(work).bundle, "utf8"));
