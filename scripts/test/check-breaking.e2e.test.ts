// Runs the real command (git, Redocly bundle, classifier) against a throwaway git repository.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const command = join(import.meta.dirname, "..", "check-breaking.mjs");
const fixtures = join(import.meta.dirname, "fixtures", "breaking");
let repo: string;

function git(...args: string[]) {
  const r = spawnSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], { cwd: repo, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}

function run(args: string[] = [], env: Record<string, string> = {}) {
  const clean = { ...process.env };
  delete clean.ALLOW_BREAKING;
  delete clean.GITHUB_STEP_SUMMARY;
  const r = spawnSync(process.execPath, [command, ...args], { cwd: repo, encoding: "utf8", env: { ...clean, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Commits `old.yaml` of a fixture as the spec, then puts `new.yaml` in the working tree. */
function stage(fixture: string) {
  mkdirSync(join(repo, "spec"), { recursive: true });
  copyFileSync(join(fixtures, fixture, "old.yaml"), join(repo, "spec", "openapi.yaml"));
  git("add", ".");
  git("commit", "-q", "-m", "spec");
  writeFileSync(join(repo, "NOTES.md"), "unrelated\n");
  git("add", ".");
  git("commit", "-q", "-m", "notes");
  copyFileSync(join(fixtures, fixture, "new.yaml"), join(repo, "spec", "openapi.yaml"));
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), "check-breaking-repo-"));
  git("init", "-q");
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe("pnpm check:breaking end to end", () => {
  it("fails on a breaking change, falling back to HEAD~1 without origin/main", () => {
    stage("response-field-removed");
    const r = run();
    expect(r.stderr).toContain("base HEAD~1");
    expect(r.stderr).toContain("origin/main not found");
    expect(r.stdout).toContain("not acknowledged");
    expect(r.stdout).toMatch(/\| `response-field-removed` \| GET \/units 200 response \(application\/json\) › \[\] › count \| field removed \|/);
    expect(r.code).toBe(1);
  });

  it("prefers origin/main, and passes on an additive change", () => {
    stage("new-operation");
    // point origin/main at the first commit: the working tree still differs from it only additively
    git("update-ref", "refs/remotes/origin/main", "HEAD~1");
    const r = run();
    expect(r.stderr).toContain("base origin/main");
    expect(r.stdout).toContain("**No breaking changes.** 1 other change.");
    expect(r.stdout).toContain("`operation-added` | DELETE /units/{unit_uuid}");
    expect(r.code).toBe(0);
  });

  it("accepts the flag, ALLOW_BREAKING and a major changeset, and writes the job summary", () => {
    stage("request-new-required-parameter");
    expect(run().code).toBe(1);
    expect(run(["--allow-breaking"]).code).toBe(0);
    expect(run([], { ALLOW_BREAKING: "1" }).code).toBe(0);
    mkdirSync(join(repo, ".changeset"));
    writeFileSync(join(repo, ".changeset", "drop-page.md"), '---\n"@leat-openapi/client": major\n---\n\nThe listing needs a program.\n');
    const summaryFile = join(repo, "summary.md");
    const r = run([], { GITHUB_STEP_SUMMARY: summaryFile });
    expect(r.code).toBe(0);
    expect(readFileSync(summaryFile, "utf8")).toContain("acknowledged** by a major changeset: `.changeset/drop-page.md` (@leat-openapi/client)");
  });

  it("compares with an explicit --base and treats a spec that did not exist there as all new", () => {
    writeFileSync(join(repo, "NOTES.md"), "before the spec\n");
    git("add", ".");
    git("commit", "-q", "-m", "start");
    stage("path-removed");
    const first = git("rev-list", "--max-parents=0", "HEAD");
    const r = run(["--base", first]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("**No breaking changes.** 2 other changes.");
    expect(r.stdout).toContain("`operation-added` | POST /units | new operation");
  });

  it("exits 2 with a clear message on an unknown ref, an unknown flag or a broken spec", () => {
    stage("new-operation");
    const missing = run(["--base", "origin/nope"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('The base ref "origin/nope" does not exist');
    const flag = run(["--frobnicate"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('Unknown argument "--frobnicate"');
    writeFileSync(join(repo, "spec", "openapi.yaml"), "openapi: 3.1.0\npaths:\n  /x:\n    $ref: missing.yaml\n");
    const broken = run();
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("check:breaking:");
  });
});
