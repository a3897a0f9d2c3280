// Compile-time contract of the public API. `vitest --typecheck` runs this file through tsc.
import { describe, expectTypeOf, it } from "vitest";
import {
  createLeatClient,
  isLeatApiError,
  LeatErrorCode,
  type CreatedUnit,
  type CreateUnitBody,
  type ErrorEnvelope,
  type LeatApiError,
  type LeatRequestOptions,
  type LeatPromise,
  type LeatResponse,
  type NoTier,
  type Tier,
  type Unit,
  type components,
} from "../src/index.js";

const leat = createLeatClient({ apiKey: "token" });

describe("resource methods", () => {
  it("return the unwrapped data types, named as in the spec", () => {
    expectTypeOf(leat.tiers.list()).toEqualTypeOf<LeatPromise<Tier[]>>();
    expectTypeOf(leat.contacts.getTier("uuid")).toEqualTypeOf<LeatPromise<Tier | null>>();
    expectTypeOf(leat.units.list()).toEqualTypeOf<LeatPromise<Unit[]>>();
    expectTypeOf(leat.units.create({ name: "visits", label: "Visits" })).toEqualTypeOf<LeatPromise<CreatedUnit>>();
    expectTypeOf(leat.tiers.list()).resolves.toEqualTypeOf<Tier[]>();
    expectTypeOf(leat.units.create({ name: "v", label: "V" })).resolves.toEqualTypeOf<CreatedUnit>();
  });

  it("getTier's override drops NoTier from the spec's Tier | NoTier | null", () => {
    expectTypeOf(leat.contacts.getTier("uuid")).resolves.not.toEqualTypeOf<Tier | NoTier | null>();
    expectTypeOf(leat.contacts.getTier("uuid")).resolves.toEqualTypeOf<Tier | null>();
  });

  it("withResponse gives data with the response, request id and rate limit", () => {
    expectTypeOf(leat.units.list().withResponse()).resolves.toEqualTypeOf<LeatResponse<Unit[]>>();
    expectTypeOf<LeatResponse<Unit[]>["rateLimit"]>().toEqualTypeOf<{ limit: number; remaining: number } | undefined>();
    expectTypeOf<LeatResponse<Unit[]>["requestId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<LeatResponse<Unit[]>["response"]>().toEqualTypeOf<Response>();
  });

  it("take path parameters first, in path order, then the body, then per-call options", () => {
    expectTypeOf(leat.contacts.getTier).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(leat.units.create).parameter(0).toEqualTypeOf<CreateUnitBody>();
    expectTypeOf(leat.units.create).parameter(1).toEqualTypeOf<
      LeatRequestOptions | undefined
    >();
    expectTypeOf(leat.tiers.list).parameter(0).toEqualTypeOf<
      LeatRequestOptions | undefined
    >();
    // @ts-expect-error the contact's UUID is required
    void leat.contacts.getTier();
    // @ts-expect-error the path parameter comes first, not the options
    void leat.contacts.getTier({ timeoutMs: 5 });
    // @ts-expect-error the body is required
    void leat.units.create();
    // @ts-expect-error options are not the body
    void leat.units.create({ timeoutMs: 5 });
    // @ts-expect-error tiers.list takes no body
    void leat.tiers.list({ name: "x" });
  });

  it("exist for every resource of the spec and nothing else", () => {
    // @ts-expect-error no such method
    void leat.tiers.get;
    // @ts-expect-error no such resource
    void leat.tier;
  });

  it("refuse bodies that do not match CreateUnitBody", () => {
    // @ts-expect-error label is required
    void leat.units.create({ name: "visits" });
    // @ts-expect-error name must be a string
    void leat.units.create({ name: 42, label: "Visits" });
    // @ts-expect-error is_default takes booleans, 0/1 and the documented strings only
    void leat.units.create({ name: "visits", label: "Visits", is_default: "maybe" });
    void leat.units.create({ name: "visits", label: "Visits", is_default: "yes", prefix: "V" });
  });

  it("needs an apiKey", () => {
    // @ts-expect-error apiKey is required
    createLeatClient({ baseUrl: "https://api.piggy.eu/api/v3/oauth/clients" });
  });
});

describe("aliases are the generated schema types", () => {
  it("match components['schemas']", () => {
    expectTypeOf<Tier>().toEqualTypeOf<components["schemas"]["Tier"]>();
    expectTypeOf<Unit>().toEqualTypeOf<components["schemas"]["Unit"]>();
    expectTypeOf<CreatedUnit>().toEqualTypeOf<components["schemas"]["CreatedUnit"]>();
    expectTypeOf<CreateUnitBody>().toEqualTypeOf<components["schemas"]["CreateUnitBody"]>();
    expectTypeOf<ErrorEnvelope>().toEqualTypeOf<components["schemas"]["ErrorEnvelope"]>();
    expectTypeOf<Tier["position"]>().toEqualTypeOf<number>();
    expectTypeOf<Tier["uuid"]>().toEqualTypeOf<string | null>();
  });
});

describe("leat.api", () => {
  it("is typed by the spec's paths", async () => {
    const { data } = await leat.api.GET("/tiers");
    expectTypeOf(data?.data).toEqualTypeOf<Tier[] | undefined>();
    const created = await leat.api.POST("/units", { body: { name: "visits", label: "Visits" } });
    expectTypeOf(created.data?.data).toEqualTypeOf<CreatedUnit | undefined>();
    expectTypeOf(created.error).toEqualTypeOf<ErrorEnvelope | undefined>();
  });

  it("refuses an unknown path, a missing path parameter and a bad body", () => {
    // @ts-expect-error no such path in the spec
    void leat.api.GET("/tier");
    // @ts-expect-error units cannot be deleted
    void leat.api.DELETE("/units");
    // @ts-expect-error the contact_uuid path parameter is required
    void leat.api.GET("/contacts/{contact_uuid}/tier");
    // @ts-expect-error label is missing from the body
    void leat.api.POST("/units", { body: { name: "visits" } });
    // @ts-expect-error label must be a string
    void leat.api.POST("/units", { body: { name: "visits", label: 7 } });
  });
});

describe("errors", () => {
  it("narrow to a documented code", () => {
    const error: unknown = null;
    if (isLeatApiError(error, LeatErrorCode.ContactNotFound)) {
      expectTypeOf(error.code).toEqualTypeOf<55031>();
      expectTypeOf(error.status).toEqualTypeOf<number>();
      expectTypeOf(error.errors).toEqualTypeOf<Readonly<Record<string, readonly string[]>>>();
      expectTypeOf(error.retryAfter).toEqualTypeOf<number | undefined>();
    }
    expectTypeOf<LeatApiError["code"]>().toEqualTypeOf<LeatErrorCode | (number & {}) | undefined>();
    expectTypeOf(LeatErrorCode.UnitAlreadyExists).toEqualTypeOf<55045>();
    // @ts-expect-error not a documented code name
    void LeatErrorCode.UnitMissing;
  });
});
