// Row 5: wall time of a turbo run with the cache bypassed (--force) against the same run fully
// cached, alternating cold and cached. The wall time includes turbo's own start-up, which is
// what a developer waits for.
import { launcher, run } from "../child.mjs";
import { median } from "../measure.mjs";
import { failedRow } from "../report.mjs";
import { packageBin, repoRoot } from "../paths.mjs";

const TARGET = 0.05;

/** @param {string} output */
function cacheSummary(output) {
  // Turbo ends with e.g. "Cached:    3 cached, 3 total".
  const match = /Cached:\s+(\d+) cached, (\d+) total/.exec(output.replace(/\x1b\[[0-9;]*m/g, ""));
  return match ? { cached: Number(match[1]), total: Number(match[2]) } : undefined;
}

/**
 * The lines that say why turbo failed. Turbo prints its banner on stdout and the reason on
 * stderr, so stderr's last lines come first; stdout only when stderr is empty.
 * @param {string} stdout
 * @param {string} stderr
 */
export function failureDetail(stdout, stderr) {
  const text = stderr.replace(/\x1b\[[0-9;]*m/g, "").trim() || stdout.trim();
  return text.split("\n").map((line) => line.trim()).filter(Boolean).slice(-3).join(" | ");
}

/**
 * @param {import("../options.mjs").Options} options
 * @returns {Promise<import("../report.mjs").RowResult>}
 */
export async function buildRowRun(options) {
  const command = `turbo ${options.turboArgs.join(" ")}`;
  const title = `Build: \`${command}\` cold (--force) vs cached`;
  const target = `cached < ${TARGET * 100}% of cold`;
  /** @type {string} */
  let turboBin;
  try {
    turboBin = packageBin("turbo", "turbo");
  } catch (err) {
    return failedRow("build", title, target, err);
  }
  const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1", DO_NOT_TRACK: "1" };

  /** @param {boolean} cold */
  const once = async (cold) => {
    const args = [...options.turboArgs, "--output-logs=errors-only", "--ui=stream", ...(cold ? ["--force"] : [])];
    const { command: cmd, args: argv } = launcher(turboBin, args);
    const result = await run(cmd, argv, { cwd: repoRoot, env });
    if (result.spawnError || result.code !== 0) {
      const tail = failureDetail(result.stdout, result.stderr);
      throw new Error(`${command}${cold ? " --force" : ""} failed: ${result.spawnError ?? `exit ${result.code}: ${tail}`}`);
    }
    return { ms: result.ms, summary: cacheSummary(result.stdout + result.stderr) };
  };

  /** @type {number[]} */
  const cold = [];
  /** @type {number[]} */
  const cached = [];
  /** @type {string[]} */
  const problems = [];
  try {
    // Each --force run also refills the cache, so the cached run after it finds every task.
    for (let round = 0; round < options.buildRounds; round++) {
      const c = await once(true);
      cold.push(c.ms);
      const w = await once(false);
      cached.push(w.ms);
      if (w.summary && w.summary.cached !== w.summary.total) {
        problems.push(`cached run ${round + 1} hit the cache for only ${w.summary.cached} of ${w.summary.total} tasks`);
      }
    }
  } catch (err) {
    return failedRow("build", title, target, err);
  }
  const coldMs = median(cold);
  const cachedMs = median(cached);
  const ratio = cachedMs / coldMs;
  return {
    id: "build",
    title,
    baseline: "cold build",
    ratio,
    ratioText: `${(ratio * 100).toFixed(1)}% of cold`,
    figures: { coldMsMedian: coldMs, cachedMsMedian: cachedMs, coldSamplesMs: cold, cachedSamplesMs: cached },
    figuresText: `cold ${(coldMs / 1000).toFixed(2)} s · cached ${(cachedMs / 1000).toFixed(2)} s`,
    runs: `median of ${options.buildRounds} alternating cold/cached pairs`,
    target,
    met: problems.length ? false : ratio < TARGET,
    problems,
  };
}
