// Finds the pnpm commands a GitHub Actions workflow runs, so a test can check that each one
// names a script that exists: the workflows must only call package scripts.

/**
 * @typedef {{ filter?: string, script?: string, builtin?: string, command: string }} PnpmCall
 */

const BUILTINS = new Set(["install", "i", "add", "remove", "update", "exec", "dlx", "publish", "store", "config"]);

/**
 * @param {string} text a `run:` script or an action input such as changesets' `publish:`
 * @returns {PnpmCall[]}
 */
export function pnpmCalls(text) {
  /** @type {PnpmCall[]} */
  const calls = [];
  for (const command of text.split(/\r?\n|&&|\|\||;|\|/)) {
    const tokens = command.trim().split(/\s+/).filter(Boolean);
    while (tokens.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(tokens[0])) tokens.shift();
    if (tokens[0] !== "pnpm") continue;
    /** @type {PnpmCall} */
    const call = { command: command.trim() };
    let i = 1;
    for (; i < tokens.length; i++) {
      const t = tokens[i];
      if (t === "--filter" || t === "-F") call.filter = tokens[++i];
      else if (t.startsWith("--filter=")) call.filter = t.slice("--filter=".length);
      else if (!t.startsWith("-")) break;
    }
    const name = tokens[i];
    if (name === "run" || name === "run-script") call.script = tokens[i + 1];
    else if (name && BUILTINS.has(name)) call.builtin = name;
    else call.script = name;
    if (call.filter) call.filter = call.filter.replace(/^\.\.\.|\.\.\.$/g, "").replace(/^["']|["']$/g, "");
    calls.push(call);
  }
  return calls;
}

/**
 * Every string a step hands to a shell or to an action (which may run it as a command).
 * @param {any} workflow parsed workflow YAML
 * @returns {{ job: string, step: string, text: string }[]}
 */
export function stepTexts(workflow) {
  const texts = [];
  for (const [jobId, job] of Object.entries(workflow?.jobs ?? {})) {
    for (const [index, step] of (/** @type {any} */ (job).steps ?? []).entries()) {
      const label = step.name ?? step.uses ?? `step ${index + 1}`;
      if (typeof step.run === "string") texts.push({ job: jobId, step: label, text: step.run });
      for (const value of Object.values(step.with ?? {})) {
        // inputs such as `cache: pnpm` name a tool; only command-shaped inputs count
        if (typeof value === "string" && /\bpnpm\s+\S/.test(value)) texts.push({ job: jobId, step: label, text: value });
      }
    }
  }
  return texts;
}
