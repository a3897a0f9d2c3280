import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** The CLI tests run dist/cli.js; rebuild it when src/ is newer (turbo builds first in CI). */
export default function setup(): void {
  const newestSource = Math.max(...readdirSync(join(root, "src"), { recursive: true, encoding: "utf8" }).map((f) => mtime(join(root, "src", f))));
  if (mtime(join(root, "dist", "cli.js")) >= newestSource && mtime(join(root, "dist", "index.js")) >= newestSource) return;
  execFileSync(join(root, "node_modules", ".bin", "tsup"), [], { cwd: root, stdio: "inherit" });
}
