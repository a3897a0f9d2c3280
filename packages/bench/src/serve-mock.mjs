// Child-process entry: starts our mock server on a free loopback port and prints its URL, so the
// load generator and the server do not share an event loop.
import { pathToFileURL } from "node:url";
import { workspaceEntry } from "./paths.mjs";

const entry = workspaceEntry("@leat-openapi/mock-server");
if (!entry.ok) {
  process.stderr.write(`${entry.reason}\n`);
  process.exit(2);
}
/** @type {any} */
const mod = await import(pathToFileURL(entry.entry).href);
if (typeof mod.startMockServer !== "function") {
  process.stderr.write("@leat-openapi/mock-server exports no startMockServer\n");
  process.exit(2);
}
const server = await mod.startMockServer({ port: 0, host: "127.0.0.1" });
process.stdout.write(`LEAT_MOCK_URL ${server.url}\n`);
const shutdown = async () => {
  await server.close();
  process.exit(0);
};
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
