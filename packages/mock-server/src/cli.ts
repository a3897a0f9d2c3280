#!/usr/bin/env node
import { UsageError, USAGE, parseCli } from "./args.js";
import { seedContacts, startMockServer } from "./index.js";

async function main(): Promise<void> {
  let options;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`leat-mock: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }

  let server;
  try {
    server = await startMockServer({
      port: options.port,
      host: options.host,
      apiKey: options.apiKey,
      seed: options.seed,
      dataFile: options.dataFile,
      webhookSecret: options.webhookSecret,
      // A debugging aid (and how the mock's own CLI tests check the CLI's responses).
      validateResponses: process.env.LEAT_MOCK_VALIDATE_RESPONSES === "1",
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === "EADDRINUSE"
        ? `port ${options.port} on ${options.host} is already in use; pick another with --port`
        : (error as Error).message;
    process.stderr.write(`leat-mock: ${message}\n`);
    process.exit(1);
  }

  process.stdout.write(`Leat mock server listening on ${server.url}\n`);
  if (!options.seed && !options.dataFile) {
    process.stdout.write(
      `Seeded contacts: ${seedContacts.withTier} (has a tier), ${seedContacts.withoutTier} (no tier)\n`,
    );
  }
  if (options.dataFile) process.stdout.write(`State is kept in ${options.dataFile}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`leat-mock: error while stopping on ${signal}: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`leat-mock: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
