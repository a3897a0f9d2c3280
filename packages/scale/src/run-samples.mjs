// Runs bundled samples one after another in this one process (a Node start per sample costs
// more than the sample): node run-samples.mjs <file.mjs>... prints one JSON line per sample,
// { file, ok, stdout, error }. A sample's console output is captured, not printed. With
// LEAT_MOCK_RESET=1 the mock at LEAT_BASE_URL is reset before each sample, since the mock keeps
// state (a delete sample would otherwise take the record a later sample reads).
import { pathToFileURL } from "node:url";

const results = [];
for (const file of process.argv.slice(2)) {
  const out = [];
  const log = console.log;
  console.log = (...args) => out.push(args.map(String).join(" "));
  try {
    if (process.env.LEAT_MOCK_RESET === "1") {
      const reset = await fetch(`${process.env.LEAT_BASE_URL}/__mock/reset`, { method: "POST" });
      if (!reset.ok) throw new Error(`could not reset the mock: HTTP ${reset.status}`);
    }
    await import(pathToFileURL(file).href);
    results.push({ file, ok: true, stdout: out.join("\n") });
  } catch (error) {
    results.push({ file, ok: false, stdout: out.join("\n"), error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  } finally {
    console.log = log;
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
