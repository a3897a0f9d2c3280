// Starting the two mock servers the bench compares, each in its own process.
import { join } from "node:path";
import { freePort, launcher, startServer } from "./child.mjs";
import { API_KEY } from "./client-variants.mjs";
import { benchDir, packageBin, specYamlPath } from "./paths.mjs";

/** @param {string} url */
async function answersTiers(url) {
  const response = await fetch(`${url.replace(/\/$/, "")}/tiers`, { headers: { Authorization: `Bearer ${API_KEY}` } });
  await response.arrayBuffer();
  return response.status === 200;
}

/** @returns {Promise<import("./child.mjs").RunningServer>} */
export function startOurMock() {
  return startServer({
    label: "our mock server (@leat-openapi/mock-server)",
    command: process.execPath,
    args: [join(benchDir, "src", "serve-mock.mjs")],
    cwd: benchDir,
    urlFromStdout: (line) => /^LEAT_MOCK_URL (\S+)/.exec(line)?.[1],
    ready: answersTiers,
    timeoutMs: 20000,
  });
}

/**
 * @param {string | undefined} binOverride
 * @returns {Promise<import("./child.mjs").RunningServer>}
 */
export async function startPrism(binOverride) {
  const port = await freePort();
  let command;
  let args;
  try {
    const bin = binOverride ?? packageBin("@stoplight/prism-cli", "prism");
    ({ command, args } = launcher(bin, ["mock", specYamlPath(), "--host", "127.0.0.1", "--port", String(port)]));
  } catch (err) {
    throw new Error(`Prism could not start: ${/** @type {Error} */ (err).message}`);
  }
  return startServer({
    label: "Prism",
    command,
    args,
    cwd: benchDir,
    url: `http://127.0.0.1:${port}`,
    ready: answersTiers,
    timeoutMs: 30000,
  });
}
