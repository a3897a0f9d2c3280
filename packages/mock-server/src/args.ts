import { parseArgs } from "node:util";

export const USAGE = `Usage: leat-mock [options]

A local, stateful mock of the Leat loyalty API, driven by its OpenAPI description.

Options:
  --port <n>        port to listen on, 0 for any free port (default 4010)
  --host <addr>     interface to listen on (default 127.0.0.1)
  --api-key <key>   accept only "Authorization: Bearer <key>" (default: any non-empty token)
  --seed <file>     initial state (tiers, contacts, units) from a JSON file
  --data <file>     keep the state in this JSON file across restarts
  --webhook-secret <secret>
                    the account secret that signs webhook deliveries of subscriptions
                    without a secret of their own (default leat-mock-webhook-secret)
  --help            show this help
`;

export interface CliOptions {
  help: boolean;
  port: number;
  host: string;
  apiKey?: string;
  seed?: string;
  dataFile?: string;
  webhookSecret?: string;
}

/** Thrown for a command line the CLI cannot use; the CLI exits with status 2. */
export class UsageError extends Error {}

export function parseCli(argv: string[]): CliOptions {
  // `pnpm mock -- --port 5000` may hand the separator through.
  const args = argv.filter((a) => a !== "--");
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "api-key": { type: "string" },
        seed: { type: "string" },
        data: { type: "string" },
        "webhook-secret": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    // Node's message can quote the offending argument; for --api-key that could be a secret,
    // but parseArgs only quotes option names and positionals, never option values.
    throw new UsageError((error as Error).message);
  }
  const options: CliOptions = { help: values.help === true, port: 4010, host: "127.0.0.1" };
  if (typeof values.port === "string") {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) {
      throw new UsageError(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
    }
    options.port = Number(values.port);
  }
  for (const [flag, key] of [
    ["host", "host"],
    ["api-key", "apiKey"],
    ["seed", "seed"],
    ["data", "dataFile"],
    ["webhook-secret", "webhookSecret"],
  ] as const) {
    const value = values[flag];
    if (value === undefined) continue;
    if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${flag} needs a non-empty value`);
    options[key] = value;
  }
  return options;
}
