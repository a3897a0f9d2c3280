// Compile-time contract of the options, middleware and error checks added for developer
// experience. (The Node-without-DOM and exactOptionalPropertyTypes checks are in consumer.test.ts.)
import type { Middleware as OpenapiFetchMiddleware } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import {
  createLeatClient,
  isLeatApiError,
  isLeatError,
  LeatApiError,
  LeatError,
  LeatErrorCode,
  type LeatClientOptions,
  type LeatLogLevel,
  type Middleware,
} from "../src/index.js";

describe("options", () => {
  it("take middleware, logging, a total budget and the browser flag", () => {
    expectTypeOf<LeatClientOptions["middleware"]>().toEqualTypeOf<OpenapiFetchMiddleware[] | undefined>();
    expectTypeOf<LeatClientOptions["logLevel"]>().toEqualTypeOf<LeatLogLevel | undefined>();
    expectTypeOf<LeatLogLevel>().toEqualTypeOf<"off" | "error" | "warn" | "info" | "debug">();
    expectTypeOf<LeatClientOptions["totalTimeoutMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<LeatClientOptions["dangerouslyAllowBrowser"]>().toEqualTypeOf<boolean | undefined>();
    // @ts-expect-error not a level
    createLeatClient({ apiKey: "k", logLevel: "verbose" });
    // @ts-expect-error a logger needs all four methods
    createLeatClient({ apiKey: "k", logger: { warn() {} } });
    // @ts-expect-error a header value is a string
    createLeatClient({ apiKey: "k", headers: { "X-Partner-ID": 1 } });
    createLeatClient({ apiKey: "k", logger: console, headers: [["X-Partner-ID", "acme"]] });
  });

  it("leat.use and leat.eject take openapi-fetch middleware", () => {
    const leat = createLeatClient({ apiKey: "k" });
    expectTypeOf<Middleware>().toEqualTypeOf<OpenapiFetchMiddleware>();
    expectTypeOf(leat.use).parameters.toEqualTypeOf<OpenapiFetchMiddleware[]>();
    expectTypeOf(leat.eject).parameters.toEqualTypeOf<OpenapiFetchMiddleware[]>();
    // @ts-expect-error a middleware has at least one hook
    leat.use({});
  });
});

describe("error checks", () => {
  it("isLeatApiError narrows to documented and undocumented codes alike", () => {
    const error: unknown = new Error("x");
    if (isLeatApiError(error, LeatErrorCode.ContactNotFound)) expectTypeOf(error.code).toEqualTypeOf<55031>();
    if (isLeatApiError(error, 99999)) expectTypeOf(error.code).toEqualTypeOf<99999>();
    if (isLeatApiError(error)) expectTypeOf(error.rateLimit).toEqualTypeOf<{ limit: number; remaining: number } | undefined>();
    if (isLeatError(error)) {
      expectTypeOf(error).toEqualTypeOf<LeatError>();
      expectTypeOf(error.method).toEqualTypeOf<string>();
    }
    // @ts-expect-error a code is a number
    isLeatApiError(error, "55031");
  });

  it("every error class extends LeatError", () => {
    expectTypeOf<LeatApiError>().toMatchTypeOf<LeatError>();
    expectTypeOf<LeatError>().toMatchTypeOf<Error>();
  });
});
