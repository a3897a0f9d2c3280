import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { pnpmCalls, stepTexts } from "../lib/workflow-commands.mjs";

const root = join(import.meta.dirname, "..", "..");
const workflowDir = join(root, ".github", "workflows");
const files = readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f));
const raw = (file: string) => readFileSync(join(workflowDir, file), "utf8");
const parse = (file: string) => YAML.parse(raw(file), { strict: true, uniqueKeys: true });

/** name -> scripts of every package in the workspace, the root included */
function workspaceScripts() {
  const read = (dir: string) => JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
  const dirs = ["spec", "scripts", ...readdirSync(join(root, "packages")).map((d) => join("packages", d))];
  const map = new Map<string, Record<string, string>>();
  for (const dir of dirs) {
    if (!existsSync(join(root, dir, "package.json"))) continue;
    const pkg = read(dir);
    map.set(pkg.name, pkg.scripts ?? {});
  }
  return { root: read(".").scripts as Record<string, string>, packages: map };
}

describe("pnpmCalls", () => {
  it("reads scripts, filters and built-ins from a shell line", () => {
    expect(pnpmCalls('pnpm install --frozen-lockfile && pnpm lint\nCI=1 pnpm run test -- --x ; pnpm --filter @leat-openapi/docs... run build')).toEqual([
      { command: "pnpm install --frozen-lockfile", builtin: "install" },
      { command: "pnpm lint", script: "lint" },
      { command: "CI=1 pnpm run test -- --x", script: "test" },
      { command: "pnpm --filter @leat-openapi/docs... run build", filter: "@leat-openapi/docs", script: "build" },
    ]);
    expect(pnpmCalls('pnpm check:breaking --base "$BASE_REF"')).toEqual([{ command: 'pnpm check:breaking --base "$BASE_REF"', script: "check:breaking" }]);
    expect(pnpmCalls("echo done")).toEqual([]);
  });
});

describe.each(files)("%s", (file) => {
  const workflow = parse(file);

  it("is valid YAML with triggers and jobs", () => {
    expect(workflow.on).toBeTruthy();
    expect(Object.keys(workflow.jobs ?? {}).length).toBeGreaterThan(0);
  });

  it("only calls pnpm scripts that exist in the package it targets", () => {
    const { root: rootScripts, packages } = workspaceScripts();
    const problems: string[] = [];
    for (const { job, step, text } of stepTexts(workflow)) {
      for (const call of pnpmCalls(text)) {
        const where = `${job} / ${step}: "${call.command}"`;
        if (call.builtin) {
          if (call.builtin !== "install") problems.push(`${where} runs pnpm ${call.builtin}; call a package script instead`);
          continue;
        }
        const scripts = call.filter ? packages.get(call.filter) : rootScripts;
        if (!scripts) problems.push(`${where} filters on unknown package ${call.filter}`);
        else if (!call.script || !(call.script in scripts)) problems.push(`${where} names no existing script`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("pins every action to a full commit SHA with a version comment", () => {
    const uses = [...raw(file).matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)];
    for (const [, ref, rest] of uses) {
      if (ref.startsWith("./")) {
        expect(existsSync(join(root, ref)), ref).toBe(true);
        continue;
      }
      expect(ref, ref).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(rest.trim(), ref).toMatch(/^# v\d+\.\d+\.\d+$/);
    }
  });

  it("declares least-privilege permissions for the workflow and each job", () => {
    expect(workflow.permissions, "top-level permissions").toBeDefined();
    expect(workflow.permissions).not.toBe("write-all");
    for (const [id, job] of Object.entries<any>(workflow.jobs)) {
      expect(job.permissions, `${id} permissions`).toBeDefined();
      const writes = Object.entries(job.permissions ?? {}).filter(([, v]) => v === "write").map(([k]) => k);
      if (id !== "release") expect(writes, `${id} writes`).toEqual([]);
    }
  });

  it("cancels superseded runs", () => {
    if (workflow.on?.workflow_call && Object.keys(workflow.on).length === 1) return; // callers set it
    const jobs = Object.values<any>(workflow.jobs);
    const cancels = workflow.concurrency?.["cancel-in-progress"] === true || jobs.some((j) => j.concurrency?.["cancel-in-progress"] === true);
    expect(cancels).toBe(true);
  });
});

describe("what the workflows cover", () => {
  const checks = parse("checks.yml");
  const runs = stepTexts(checks).map((s) => s.text).join("\n");

  it("runs the whole check list", () => {
    for (const command of ["pnpm install --frozen-lockfile", "pnpm lint", "pnpm check:breaking --base", "pnpm typecheck", "pnpm test", "pnpm build", "pnpm size:client"]) {
      expect(runs).toContain(command);
    }
  });

  it("tests on Node 20, 22 and 24", () => {
    expect(checks.jobs.test.strategy.matrix.node).toEqual([20, 22, 24]);
  });

  it("compares pull requests with their base branch and honours the label", () => {
    const pr = parse("pull-request.yml");
    expect(pr.jobs.checks.with["breaking-base"]).toBe("origin/${{ github.base_ref }}");
    expect(pr.jobs.checks.with["allow-breaking"]).toContain("'breaking-change'");
    expect(pr.on.pull_request.types).toEqual(expect.arrayContaining(["labeled", "unlabeled"]));
  });

  it("releases from main only after the checks pass", () => {
    const main = parse("main.yml");
    expect(main.jobs.release.needs).toBe("checks");
    const step = main.jobs.release.steps.find((s: any) => String(s.uses).startsWith("changesets/action@"));
    expect(step.with).toMatchObject({ version: "pnpm version-packages", publish: "pnpm release" });
  });
});
