import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { buildModel, type SpecModel } from "./model.js";
import { StateWriter, removeStaleTempFiles } from "./persist.js";
import type { ResponseMismatch } from "./response-check.js";
import { buildApp } from "./server.js";
import { loadBundledDocument, type JsonObject } from "./spec.js";
import { MockState, defaultSnapshot, parseSnapshot, type StateSnapshot } from "./state.js";

export { seedContacts } from "./state.js";
export type { StateSnapshot, StoredContact, StoredUnit } from "./state.js";
export type { ResponseMismatch } from "./response-check.js";

export interface MockServerOptions {
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** When set, only `Authorization: Bearer <apiKey>` is accepted; otherwise any non-empty token. */
  apiKey?: string;
  /** Initial state instead of the spec's examples: a JSON file's path, or its parsed content. */
  seed?: string | object;
  /** Persist the state in this JSON file and load it on start when it exists (it then wins over `seed`). */
  dataFile?: string;
  /** Log one line per request (method, URL, status, time) to stderr. Default false. */
  logger?: boolean;
  /**
   * Check every response against the spec before it is sent. `true` logs mismatches to
   * stderr; a function receives them (test suites record them and fail).
   */
  validateResponses?: boolean | ((mismatch: ResponseMismatch) => void);
  /** @internal Another bundled OpenAPI document, for the mock's own tests. */
  document?: object;
}

export interface MockServer {
  /** e.g. `http://127.0.0.1:4010`, without a trailing slash. */
  url: string;
  /** Stops listening and waits for pending state writes. */
  close(): Promise<void>;
}

let bundled: JsonObject | null = null;

function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`${what} ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} ${file}: not valid JSON (${(error as Error).message})`);
  }
}

function initialSnapshot(model: SpecModel, options: MockServerOptions, dataFile: string | undefined): StateSnapshot {
  if (dataFile && existsSync(dataFile)) {
    try {
      return parseSnapshot(model, readJsonFile(dataFile, "data file"));
    } catch (error) {
      const message = (error as Error).message;
      throw new Error(message.startsWith("data file") ? message : `data file ${dataFile}: ${message}`);
    }
  }
  if (typeof options.seed === "string") {
    const file = resolve(options.seed);
    const content = readJsonFile(file, "seed file");
    try {
      return parseSnapshot(model, content);
    } catch (error) {
      throw new Error(`seed file ${file}: ${(error as Error).message}`);
    }
  }
  if (options.seed !== undefined) {
    try {
      return parseSnapshot(model, options.seed);
    } catch (error) {
      throw new Error(`seed: ${(error as Error).message}`);
    }
  }
  return defaultSnapshot(model);
}

/** Starts the mock server and resolves once it listens. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const document = (options.document as JsonObject | undefined) ?? (bundled ??= loadBundledDocument());
  const model = buildModel(document);
  const dataFile = options.dataFile ? resolve(options.dataFile) : undefined;
  if (options.apiKey !== undefined && options.apiKey.trim() === "") throw new Error("apiKey must not be empty");
  const state = new MockState(model, initialSnapshot(model, options, dataFile));

  let writer: StateWriter | null = null;
  if (dataFile) {
    await removeStaleTempFiles(dataFile);
    writer = new StateWriter(dataFile, () => `${JSON.stringify(state.snapshot(), null, 2)}\n`);
    if (!existsSync(dataFile)) await writer.save();
  }

  const validate = options.validateResponses;
  const onMismatch =
    typeof validate === "function"
      ? validate
      : validate
        ? (m: ResponseMismatch) => process.stderr.write(`leat-mock: response does not match the spec: ${JSON.stringify(m)}\n`)
        : null;

  const app = buildApp({ model, state, writer, apiKey: options.apiKey, logger: options.logger === true, onMismatch });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    app.server.once("error", reject);
    app.server.listen(options.port ?? 4010, host, () => {
      app.server.off("error", reject);
      resolve();
    });
  });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${port}`,
    close() {
      closing ??= (async () => {
        await app.close();
        await writer?.idle();
      })();
      return closing;
    },
  };
}
