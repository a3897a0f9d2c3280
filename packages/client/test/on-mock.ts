// The client against a real mock server on loopback, for the mock-*.test.ts files: one mock per
// file, every answer it gives checked against the spec, and the error code a refused call ends in.
import { afterAll, beforeAll, expect } from "vitest";
import { startMockServer, type MockServer } from "@leat-openapi/mock-server";
import { createLeatClient, LeatApiError, type LeatClient } from "../src/index.js";

export interface OnMock {
  mock: MockServer;
  leat: LeatClient;
}

/** Starts a mock before the file's tests and closes it after; set once `beforeAll` has run. */
export function onMock(apiKey: string): OnMock {
  const on = {} as OnMock;
  const mismatches: unknown[] = [];
  beforeAll(async () => {
    on.mock = await startMockServer({ port: 0, validateResponses: (m) => void mismatches.push(m) });
    on.leat = createLeatClient({ apiKey, baseUrl: on.mock.url });
  });
  afterAll(async () => {
    await on.mock?.close();
    expect(JSON.stringify(mismatches)).toBe("[]");
  });
  return on;
}

/** The Leat error code the call is refused with (it must be refused with a LeatApiError). */
export async function refusal(promise: Promise<unknown>): Promise<number | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LeatApiError);
  return (error as LeatApiError).code;
}
