// Command-line options of the SDK check: where Leat's PHP SDK checkout is.
import { existsSync } from "node:fs";
import { resolve } from "node:path";

export const USAGE = [
  "usage: pnpm php-sdk -- --sdk <dir>     (or LEAT_PHP_SDK=<dir> pnpm php-sdk)",
  "  <dir>: a checkout of Leat's PHP SDK, e.g. git clone https://github.com/Piggy-Loyalty/piggy-php-sdk",
].join("\n");

export class UsageError extends Error {}

/** The SDK directory from `--sdk <dir>` / `--sdk=<dir>` or LEAT_PHP_SDK; a UsageError saying what is wrong otherwise. */
export function parseOptions(argv, env = process.env) {
  let sdk;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") continue; // pnpm passes it through
    if (arg === "--help" || arg === "-h") help = true;
    else if (arg === "--sdk") {
      sdk = argv[++i];
      if (sdk === undefined || sdk.startsWith("--")) throw new UsageError("--sdk needs a directory");
    } else if (arg.startsWith("--sdk=")) sdk = arg.slice("--sdk=".length);
    else throw new UsageError(`unknown argument ${arg}`);
  }
  if (help) return { help };
  sdk ||= env.LEAT_PHP_SDK;
  if (!sdk) {
    throw new UsageError(
      "no PHP SDK given: pass --sdk <dir> or set LEAT_PHP_SDK to a checkout of Leat's PHP SDK (it is not part of this repository).",
    );
  }
  const dir = resolve(sdk);
  if (!existsSync(resolve(dir, "src/OAuthClientApiKey.php"))) {
    throw new UsageError(`${dir} is not a checkout of Leat's PHP SDK: src/OAuthClientApiKey.php is missing`);
  }
  return { help, sdk: dir };
}
