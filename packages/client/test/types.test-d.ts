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
  type Tier,
  type Unit,
  type components,
} from "../src/index.js";

const leat = createLeatClient({ apiKey: "token" });

describe("resource methods", () => {
  it("return the unwrapped data types", () => {
    expectTypeOf(leat.tiers.list()).toEqualTypeOf<Promise<Tier[]>>();
    expectTypeOf(leat.contacts.getTier("uuid")).toEqualTypeOf<Promise<Tier | null>>();
    expectTypeOf(leat.units.list()).toEqualTypeOf<Promise<Unit[]>>();
    expectTypeOf(leat.units.create({ name: "visits", label: "Visits" })).toEqualTypeOf<Promise<CreatedUnit>>();
  });

  it("take per-call options", () => {
    expectTypeOf(leat.tiers.list).parameter(0).toEqualTypeOf<
      { signal?: AbortSignal; timeoutMs?: number; maxRetries?: number; headers?: HeadersInit } | undefined
    >();
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
