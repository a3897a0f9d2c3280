import { describe, expect, it } from "vitest";
import { route } from "../src/route.js";

describe("route", () => {
  it("fills and encodes path parameters", () => {
    expect(route("/contacts/{contact_uuid}/tier", { contact_uuid: "../units?x=1" })).toBe("/contacts/..%2Funits%3Fx%3D1/tier");
    expect(route("/units")).toBe("/units");
  });
});
