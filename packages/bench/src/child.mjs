// Servers under load run in child processes: with the load generator in the same event loop the
// bench would be measuring itself. Each child gets its own process group so stopping it also
// stops anything it spawned.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

// Children are detached (own process group), so they would outlive a crashed or interrupted
// bench; these are the ones to take down on the way out.
/** @type {Set<number>} */
const liveGroups = new Set();
const killAll = () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
};
process.once("exit", killAll);
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** @returns {Promise<number>} a port that was free a moment ago on 127.0.0.1 */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * @typedef {object} RunningServer
 * @property {string} url
 * @property {() => Promise<void>} stop
 */

/**
 * Starts `command` and resolves once `ready(url)` answers true, or rejects with an error whose
 * message says why the server could not start (missing binary, early exit with its stderr, or
 * no answer in time).
 * @param {object} spec
 * @param {string} spec.label          a name for error messages
 * @param {string} spec.command
 * @param {string[]} spec.args
 * @param {string} [spec.cwd]
 * @param {string} [spec.url]          known URL (when the port is chosen by us)
 * @param {(line: string) => string | undefined} [spec.urlFromStdout] finds the URL in the child's output
 * @param {(url: string) => Promise<boolean>} spec.ready
 * @param {number} spec.timeoutMs
 * @returns {Promise<RunningServer>}
 */
export async function startServer(spec) {
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    detached: true,
    // Prism logs every request; a pipe nobody drains would stall it, so only stderr is kept.
    stdio: ["ignore", spec.urlFromStdout ? "pipe" : "ignore", "pipe"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (child.pid !== undefined) liveGroups.add(child.pid);
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  /** @type {string | undefined} */
  let url = spec.url;
  let stdoutBuffer = "";
  child.stdout?.on("data", (chunk) => {
    if (url || !spec.urlFromStdout) return;
    stdoutBuffer += chunk;
    for (const line of stdoutBuffer.split("\n")) {
      const found = spec.urlFromStdout(line);
      if (found) url = found;
    }
    stdoutBuffer = stdoutBuffer.slice(stdoutBuffer.lastIndexOf("\n") + 1);
  });
  /** @type {string | undefined} */
  let failure;
  child.once("error", (err) => {
    failure = /** @type {NodeJS.ErrnoException} */ (err).code === "ENOENT" ? `no executable at ${spec.command}` : err.message;
  });
  let exited = false;
  child.once("exit", (code, signal) => {
    exited = true;
    if (child.pid !== undefined) liveGroups.delete(child.pid);
    failure ??= `exited early (${signal ?? `code ${code}`})${stderr.trim() ? `: ${lastLines(stderr)}` : ""}`;
  });

  const stop = async () => {
    if (exited || child.pid === undefined) return;
    const gone = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 3000);
    await gone;
    clearTimeout(timer);
  };

  const deadline = Date.now() + spec.timeoutMs;
  while (Date.now() < deadline) {
    if (failure) break;
    if (url && (await spec.ready(url).catch(() => false))) {
      child.stdout?.resume();
      return { url, stop };
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`${spec.label} could not start: ${failure ?? `no answer within ${spec.timeoutMs / 1000} s`}`);
}

/** @param {string} text */
function lastLines(text) {
  return text.trim().split("\n").slice(-3).join(" | ").slice(0, 400);
}

/**
 * Runs a command to completion.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string, ms: number, spawnError?: string }>}
 */
export function run(command, args, options = {}) {
  return new Promise((resolveRun) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.once("error", (err) => {
      const code = /** @type {NodeJS.ErrnoException} */ (err).code;
      resolveRun({ code: null, stdout, stderr, ms: performance.now() - start, spawnError: code === "ENOENT" ? `no executable at ${command}` : err.message });
    });
    child.once("close", (code) => resolveRun({ code, stdout, stderr, ms: performance.now() - start }));
  });
}

/**
 * How to launch a bin: JS files run under this node, anything else directly.
 * @param {string} bin
 * @param {string[]} args
 * @returns {{ command: string, args: string[] }}
 */
export function launcher(bin, args) {
  // Checked here because node given a missing script only says "Cannot find module" deep in a trace.
  if (bin.includes("/") && !existsSync(bin)) throw new Error(`no executable at ${bin}`);
  return /\.[cm]?js$/.test(bin) ? { command: process.execPath, args: [bin, ...args] } : { command: bin, args };
}
