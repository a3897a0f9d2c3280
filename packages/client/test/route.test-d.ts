import { describe, expectTypeOf, it } from "vitest";
import { route } from "../src/route.js";

// route() is what ties the resource methods' URLs to the spec: these lines must keep failing to
// compile, or a path renamed in the spec would go unnoticed by the client.
describe("route", () => {
  it("accepts the spec's paths, with their path parameters", () => {
    expectTypeOf(route("/tiers")).toEqualTypeOf<string>();
    expectTypeOf(route("/contacts/{contact_uuid}/tier", { contact_uuid: "4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1" })).toEqualTypeOf<string>();
  });

  it("rejects a path the spec does not have", () => {
    // @ts-expect-error "/unit" is not a path of the spec
    route("/unit");
  });

  it("rejects a missing or misnamed path parameter", () => {
    // @ts-expect-error the contact path needs its contact_uuid
    route("/contacts/{contact_uuid}/tier");
    // @ts-expect-error the parameter is contact_uuid, not uuid
    route("/contacts/{contact_uuid}/tier", { uuid: "x" });
  });
});
