// The contract test: Prism 5.16 (an independent validator) as a proxy between a client and
// the mock, over every operation's documented examples: every request example in every
// media type (JSON, form, multipart) and every Prefer scenario (each documented status and
// example name). Prism reports what it finds wrong with a request or a response in the
// `sl-violations` header; any violation fails the test.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { createServer, request as httpRequest, type Server } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer, type ResponseMismatch } from "../src/index.js";
import { contractOperations, encodeBody, type ContractOperation, type RequestExample } from "./contract/spec-walk.js";
import { TOKEN, loadSpec, packageRoot } from "./helpers.js";

const operations = contractOperations();
const specYaml = createRequire(import.meta.url).resolve("@leat-openapi/spec/openapi.yaml");
const prismBin = join(packageRoot, "node_modules", ".bin", "prism");

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`));
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  const url = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return Number(new URL(url).port);
}

let mock: MockServer;
let prism: ChildProcess;
let prismUrl: string;
const mismatches: ResponseMismatch[] = [];

/**
 * Prism's upstream: a pass-through to whichever mock is current. Prism keeps its upstream
 * connection open, so the mock cannot be restarted under it; this front stays while the
 * mocks behind it change, and opens a new connection to the mock for every request.
 */
const front = createServer((request, response) => {
  const { hostname, port } = new URL(mock.url);
  const upstream = httpRequest({ host: hostname, port, method: request.method, path: request.url, headers: request.headers, agent: false }, (answer) => {
    response.writeHead(answer.statusCode!, answer.headers);
    answer.pipe(response);
  });
  upstream.on("error", (error) => response.writeHead(502).end(`the test's front could not reach the mock: ${error.message}`));
  request.pipe(upstream);
});

/** A fresh mock, so each request example meets the state the spec's examples describe. */
async function restartMock(): Promise<void> {
  await mock?.close();
  mock = await startMockServer({ port: 0, validateResponses: (m) => mismatches.push(m) });
}

beforeAll(async () => {
  await restartMock();
  const frontUrl = await listen(front);
  const prismPort = await freePort();
  prismUrl = `http://127.0.0.1:${prismPort}`;
  prism = spawn(prismBin, ["proxy", specYaml, frontUrl, "--errors", "--host", "127.0.0.1", "--port", String(prismPort)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Prism is listening")) resolve();
    };
    prism.stdout!.on("data", onData);
    prism.stderr!.on("data", onData);
    prism.on("exit", (code) => reject(new Error(`prism exited with ${code} before listening:\n${output}`)));
  });
}, 120_000);

afterAll(async () => {
  prism?.kill();
  front.close();
  await mock?.close();
  expect(mismatches, "responses the mock's own check found outside the spec").toEqual([]);
});

interface Exchange {
  status: number;
  violations: unknown[];
  body: string;
}

async function through(op: ContractOperation, init: { prefer?: string; request?: RequestExample }): Promise<Exchange> {
  const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}`, accept: "application/json" };
  if (init.prefer) headers.prefer = init.prefer;
  let body: string | FormData | undefined;
  if (init.request) {
    const encoded = encodeBody(init.request);
    body = encoded.body;
    if (encoded.contentType) headers["content-type"] = encoded.contentType;
  }
  const response = await fetch(prismUrl + op.path, { method: op.method, headers, body });
  const violations = response.headers.get("sl-violations");
  return { status: response.status, violations: violations ? (JSON.parse(violations) as unknown[]) : [], body: await response.text() };
}

describe("Prism 5.16 proxy finds no violation between a client and the mock", () => {
  it("walks every operation of the spec", () => {
    expect(operations.length).toBe(Object.values(loadSpec().paths).flatMap((item) => Object.keys(item as object)).filter((k) => k !== "parameters").length);
  });

  for (const op of operations) {
    describe(`${op.method} ${op.path} (${op.operationId})`, () => {
      const successes = op.responses.filter((r) => r.status >= 200 && r.status < 300).map((r) => r.status);

      if (op.requests.length === 0) {
        it("a plain request gets a documented success", async () => {
          const exchange = await through(op, {});
          expect(exchange.violations, exchange.body).toEqual([]);
          expect(successes).toContain(exchange.status);
        });
      }

      for (const request of op.requests) {
        it(`request example ${request.name} (${request.mediaType}) gets a documented success`, async () => {
          await restartMock();
          const exchange = await through(op, { request });
          expect(exchange.violations, exchange.body).toEqual([]);
          expect(successes, exchange.body).toContain(exchange.status);
        });
      }

      for (const response of op.responses) {
        const names = response.examples.length > 0 ? response.examples : [undefined];
        for (const name of names) {
          const prefer = name ? `code=${response.status}, example=${name}` : `code=${response.status}`;
          it(`Prefer: ${prefer}`, async () => {
            const exchange = await through(op, { prefer, request: op.requests[0] });
            expect(exchange.violations, exchange.body).toEqual([]);
            expect(exchange.status, exchange.body).toBe(response.status);
          });
        }
      }
    });
  }
});
