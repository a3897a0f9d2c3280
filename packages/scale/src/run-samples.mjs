// Runs bundled samples one after another in this one process (a Node start per sample costs
// more than the sample): node run-samples.mjs <file.mjs>... prints one JSON line per sample,
// { file, ok, stdout, error }. A sample's console output is captured, not printed.
import { pathToFileURL } from "node:url";

const results = [];
for (const file of process.argv.slice(2)) {
  const out = [];
  const log = console.log;
  console.log = (...args) => out.push(args.map(String).join(" "));
  try {
    await import(pathToFileURL(file).href);
    results.push({ file, ok: true, stdout: out.join("\n") });
  } catch (error) {
    results.push({ file, ok: false, stdout: out.join("\n"), error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  } finally {
    console.log = log;
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
