// Compile-time contract of the webhook receiver API. The event union's narrowing is checked on the
// fixture spec's generated types (two events), since it is the same generator that writes the real ones.
import { describe, expectTypeOf, it } from "vitest";
import {
  type LeatWebhookEvent,
  type LeatWebhookEventType,
  type LeatWebhookRawBody,
  type LeatWebhookSignatureErrorReason,
  LeatWebhookSignatureError,
  parseWebhook,
  verifyWebhook,
} from "../src/index.js";
import type * as Fixture from "./fixtures/webhooks/webhooks.js";

describe("verifyWebhook and parseWebhook", () => {
  it("take the raw body, the header as frameworks give it, and the secret", () => {
    expectTypeOf(verifyWebhook).parameters.toEqualTypeOf<[LeatWebhookRawBody, string | null | undefined, string]>();
    expectTypeOf(parseWebhook).parameters.toEqualTypeOf<[LeatWebhookRawBody, string | null | undefined, string]>();
    expectTypeOf<LeatWebhookRawBody>().toEqualTypeOf<string | Uint8Array | ArrayBuffer>();
    expectTypeOf(verifyWebhook).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(parseWebhook).returns.toEqualTypeOf<Promise<LeatWebhookEvent>>();
  });

  it("refuse a parsed object as the body", () => {
    // @ts-expect-error a parsed body cannot be verified
    void verifyWebhook({ type: "contact_created", data: {} }, "sig", "secret");
    // @ts-expect-error Node's string[] header form is not one signature
    void parseWebhook("{}", ["a", "b"], "secret");
  });

  it("give a reason on the signature error", () => {
    expectTypeOf<LeatWebhookSignatureError["reason"]>().toEqualTypeOf<LeatWebhookSignatureErrorReason>();
    expectTypeOf<LeatWebhookSignatureErrorReason>().toEqualTypeOf<"missing" | "malformed" | "mismatch">();
  });

  it("return events whose type is the event name type", () => {
    expectTypeOf<LeatWebhookEvent["type"]>().toEqualTypeOf<LeatWebhookEventType>();
  });
});

describe("the generated event union (fixture spec)", () => {
  it("narrows by type in if and switch", () => {
    const event = {} as Fixture.LeatWebhookEvent;
    if (event.type === "thing.removed") {
      expectTypeOf(event).toEqualTypeOf<Fixture.LeatThingRemovedEvent>();
      expectTypeOf(event.data.uuid).toEqualTypeOf<string>();
      expectTypeOf(event.data.reason).toEqualTypeOf<"expired" | "deleted" | undefined>();
      // @ts-expect-error closed object: no other keys
      void event.data.thing;
    }
    switch (event.type) {
      case "thing_created":
        expectTypeOf(event).toEqualTypeOf<Fixture.LeatThingCreatedEvent>();
        expectTypeOf(event.data.thing?.parent?.uuid).toEqualTypeOf<string | undefined>();
        expectTypeOf(event.data.owner).toEqualTypeOf<{ uuid: string } | null | undefined>();
        break;
      case "thing.removed":
        expectTypeOf(event.data["removed-by"]).toEqualTypeOf<string | null | undefined>();
        break;
      default:
        expectTypeOf(event).toBeNever();
    }
  });

  it("names the events and keeps out unknown ones", () => {
    expectTypeOf<Fixture.LeatWebhookEventType>().toEqualTypeOf<"thing_created" | "thing.removed">();
    const event = {} as Fixture.LeatWebhookEvent;
    // @ts-expect-error not an event of the spec
    if (event.type === "thing_updated") void event;
  });
});
