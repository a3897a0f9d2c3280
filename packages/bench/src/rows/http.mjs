// Row 2: the same four callers over real HTTP to our mock server on 127.0.0.1. The mock runs in
// a child process; calls are sequential, so each figure is one caller's request rate.
import { clientVariants, overheadRow } from "../client-variants.mjs";
import { interleavedOps } from "../measure.mjs";
import { failedRow } from "../report.mjs";
import { startOurMock } from "../servers.mjs";

const TITLE = "Client over HTTP to our mock (ops/s)";
const TARGET = 0.95;

/**
 * @param {import("../options.mjs").Options} options
 * @returns {Promise<import("../report.mjs").RowResult>}
 */
export async function httpRowRun(options) {
  let server;
  try {
    server = await startOurMock();
  } catch (err) {
    return failedRow("http", TITLE, `≥ ${TARGET}x`, err);
  }
  try {
    const { variants, problems } = await clientVariants({ baseUrl: server.url, fetch: globalThis.fetch });
    const results = await interleavedOps(variants, options);
    return overheadRow({ id: "http", title: TITLE, targetRatio: TARGET, results, problems, counts: options });
  } finally {
    await server.stop();
  }
}
