import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";

/**
 * Arguments for `redocly lint`, run from the repository root. GitHub resolves an annotation's
 * `file=` against the repository root, so file arguments are rewritten relative to it, and
 * the annotation format is used only inside GitHub Actions (elsewhere it is unreadable).
 * @param {{ argv: string[], env: NodeJS.ProcessEnv, cwd: string, root: string }} input
 * @returns {string[]}
 */
export function lintArgs({ argv, env, cwd, root }) {
  const targets = argv.filter((a) => !a.startsWith("-"));
  const flags = argv.filter((a) => a.startsWith("-"));
  const files = (targets.length > 0 ? targets : ["leat@v1"]).map((t) =>
    existsSync(resolve(cwd, t)) ? relative(root, resolve(cwd, t)) : t,
  );
  const args = ["lint", ...files, "--config", "redocly.yaml", ...flags];
  if (env.GITHUB_ACTIONS === "true" && !flags.some((f) => f.startsWith("--format"))) args.push("--format=github-actions");
  return args;
}
