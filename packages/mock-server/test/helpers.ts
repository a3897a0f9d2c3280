import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readSpec } from "@leat-openapi/spec-reader";
import { expect, onTestFinished } from "vitest";
import { startMockServer, type MockServer, type MockServerOptions, type ResponseMismatch } from "../src/index.js";
import { buildModel } from "../src/model.js";
import { createContext } from "../src/module.js";
import { modules } from "../src/modules/index.js";
import { Store } from "../src/store.js";

/**
 * The spec's request examples may contradict its own state: the create-contact example's email
 * is the example contact's, which find-one-by's example needs to find. So a request example the
 * seeded state refuses must succeed once the owning module's state is empty (the others seeded):
 * this is that seed, by operationId, for the operations a module owns.
 */
export const emptyStateOf: ReadonlyMap<string, Record<string, unknown[]>> = new Map(
  modules.flatMap((m) => m.operations.map((id) => [id, Object.fromEntries(Object.keys(m.stateSchema).map((k) => [k, []]))] as const)),
);

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
export const cliPath = join(packageRoot, "dist", "cli.js");
export const TOKEN = "test-token";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJson = any;

/** The bundled spec, read the way a user of the package would get it. */
export function loadSpec(): AnyJson {
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(require.resolve("@leat-openapi/spec/openapi.json"), "utf8"));
}

/** A named example's value from the bundled spec's components. */
export function specExample(name: string): AnyJson {
  const example = loadSpec().components.examples[name];
  if (!example) throw new Error(`no example ${name} in the spec`);
  return example.value;
}

/** An example of an operation's response by name, e.g. the 400 example `contactNotFound` the bundle makes for code 55031. */
export function responseExample(operationId: string, status: number, name: string): AnyJson {
  const media = readSpec(loadSpec()).operation(operationId).responses[String(status)]?.content["application/json"];
  const example = media?.examples[name];
  if (!example) throw new Error(`${operationId} has no ${status} example ${name}; it has ${Object.keys(media?.examples ?? {}).join(", ")}`);
  return example.value;
}

/** The first example of a component header, as it is sent (text), e.g. X-RateLimit-Limit. */
export function headerExample(name: string): string {
  const header = loadSpec().components.headers[name];
  if (!header) throw new Error(`no header ${name} in the spec`);
  return String(header.schema.examples[0]);
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: AnyJson;
}

export interface TestServer {
  url: string;
  mismatches: ResponseMismatch[];
  /** The mock itself (deliveries, reset, ...). */
  mock: MockServer;
  /** A request with a valid token unless `headers.authorization` is given (null removes it). */
  request(path: string, init?: { method?: string; headers?: Record<string, string | null>; body?: string }): Promise<Reply>;
  /** POST a JSON body. */
  postJson(path: string, body: unknown, headers?: Record<string, string | null>): Promise<Reply>;
  close(): Promise<void>;
}

/**
 * Starts a mock on a free port with every response checked against the spec. A mismatch
 * fails the request that produced it and, failing that, the test when it finishes.
 */
export async function startTestServer(options: Omit<MockServerOptions, "port" | "validateResponses"> = {}): Promise<TestServer> {
  const mismatches: ResponseMismatch[] = [];
  const server = await startMockServer({ ...options, port: 0, validateResponses: (m) => mismatches.push(m) });
  onTestFinished(async () => {
    await server.close();
    expect(mismatches, "responses that do not match the spec").toEqual([]);
  });
  const request: TestServer["request"] = async (path, init = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}`, accept: "application/json" };
    for (const [key, value] of Object.entries(init.headers ?? {})) {
      if (value === null) delete headers[key.toLowerCase()];
      else headers[key.toLowerCase()] = value;
    }
    const response = await fetch(server.url + path, { method: init.method ?? "GET", headers, body: init.body });
    const text = await response.text();
    expect(mismatches, `response to ${init.method ?? "GET"} ${path} does not match the spec`).toEqual([]);
    let body: AnyJson;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: response.status, headers: response.headers, text, body };
  };
  return {
    url: server.url,
    mismatches,
    mock: server,
    request,
    postJson: (path, body, headers = {}) =>
      request(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) }),
    close: () => server.close(),
  };
}

export interface CliProcess {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The CLI checks its own responses against the spec and reports mismatches on stderr. */
const cliEnv = { ...process.env, LEAT_MOCK_VALIDATE_RESPONSES: "1" };
export const MISMATCH_REPORT = "response does not match the spec";

/** Runs dist/cli.js and resolves once it prints the URL it listens on. */
export function startCli(args: string[]): Promise<CliProcess> {
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: ["ignore", "pipe", "pipe"], env: cliEnv });
  let out = "";
  let err = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]!, stdout: () => out, stderr: () => err, exited });
    });
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    void exited.then(({ code }) => reject(new Error(`leat-mock exited with ${code} before listening: ${err}`)));
  });
}

/** Runs dist/cli.js to completion (for flags that make it exit). */
export function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: ["ignore", "pipe", "pipe"], env: cliEnv });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** The status the spec documents for a created unit (200, as Leat's captured traffic shows). */
export const CREATED: number = (() => {
  const statuses = Object.keys(loadSpec().paths["/units"].post.responses).filter((s) => s.startsWith("2"));
  if (statuses.length !== 1) throw new Error(`createUnit documents ${statuses.length} success statuses, expected one`);
  return Number(statuses[0]);
})();

/** Checks a seed as startMockServer would, returning it completed as the mock holds it. */
export function parseSeed(input: unknown): AnyJson {
  return new Store(createContext(buildModel(loadSpec())), modules, {}).parse(input);
}
