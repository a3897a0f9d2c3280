// The vouchers module on its own, without HTTP: loaded from the spec's defaults with its peers
// (promotions, contacts), each transition of a voucher's life and each refusal with its code.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Answer, Change, Serialized } from "../src/answer.js";
import { buildModel } from "../src/model.js";
import { createContext, type AnyModule, type MockModule } from "../src/module.js";
import { contactTiers, seedContacts } from "../src/modules/contact-tiers.js";
import { contacts } from "../src/modules/contacts.js";
import { promotions, seedPromotions } from "../src/modules/promotions.js";
import { seedVouchers, vouchers } from "../src/modules/vouchers.js";
import { createSchemaCompiler } from "../src/schemas.js";
import type { Json } from "../src/spec.js";
import { contractOperations, encodeBody } from "./contract/spec-walk.js";
import { loadSpec, startTestServer } from "./helpers.js";

const spec = loadSpec();
const ctx = createContext(buildModel(spec));
const schemas = createSchemaCompiler(spec);
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const SHOP = "2d6a4b1e-3c5f-4e8a-9b7d-1f0e2c3a4b5d";

type Call = { params?: Record<string, string>; query?: object; body?: object };
/** The modules loaded from their defaults (or `parts` for some keys), and a caller of their handlers. */
function load(parts: Record<string, unknown> = {}) {
  const all: AnyModule[] = [contactTiers, contacts, promotions, vouchers];
  const states = new Map<AnyModule, unknown>(all.map((m) => [m, m.load(ctx, structuredClone({ ...m.defaults(ctx), ...pick(m, parts) }))]));
  const peer = <S>(m: MockModule<S>) => states.get(m) as S;
  const handlers = Object.assign({}, ...all.map((m) => m.handlers(ctx, states.get(m), peer)));
  return (id: string, call: Call = {}) => handlers[id]({ request: undefined as never, params: call.params ?? {}, query: call.query ?? {}, body: call.body }) as Answer | Change;
}
const pick = (m: AnyModule, parts: Record<string, unknown>) => Object.fromEntries(Object.keys(m.stateSchema).filter((k) => k in parts).map((k) => [k, parts[k] as Json]));
const body = (answer: Answer) => (answer.body && typeof (answer.body as Serialized).text === "string" ? JSON.parse((answer.body as Serialized).text) : answer.body);
const data = (answer: Answer) => body(answer).data;
const code = (answer: Answer) => (answer.body as { code?: number }).code;
const events = (answer: Answer) => (answer as Change).events ?? [];
/** Every event a change carries must validate against the spec's webhook payload schema for its name. */
function checkEvents(answer: Answer, expected: string[]) {
  expect(events(answer).map((e) => e.event)).toEqual(expected);
  for (const e of events(answer)) {
    const validate = schemas.at(`#/webhooks/${e.event}/post/requestBody/content/application~1json/schema`);
    expect(validate({ type: e.event, data: e.data }), JSON.stringify(validate.errors)).toBe(true);
  }
}
const redeem = (code: string, extra: object = {}) => ["redeemVoucher", { body: { code, shop_uuid: SHOP, ...extra } }] as const;

afterEach(() => void vi.useRealTimers());

describe("vouchers module: the seeded vouchers", () => {
  it("holds the exported seeds, as find answers them", () => {
    const call = load();
    expect(data(call("findVoucher", { query: { code: seedVouchers.singleUse.code } }))).toMatchObject({
      uuid: seedVouchers.singleUse.uuid,
      status: "ACTIVE",
      total_redemptions_allowed: 1,
      contact: { uuid: seedContacts.withTier, email: "spongebob@bikinibottom.sea" },
      promotion: { uuid: seedPromotions.limited, plu: "ABC123" },
      attributes: { plu: "ABC123" },
    });
    expect(data(call("findVoucher", { query: { code: seedVouchers.multiUse.code } }))).toMatchObject({ redemptions_remaining: 3 });
    expect(data(call("findVoucher", { query: { code: seedVouchers.unassigned.code } }))).toMatchObject({ contact: null, status: "ACTIVE" });
    expect(data(call("findVoucher", { query: { code: seedVouchers.expired.code } }))).toMatchObject({ status: "EXPIRED" });
    expect(data(call("findVoucher", { query: { code: seedVouchers.redeemed.code } }))).toMatchObject({ status: "REDEEMED", is_redeemed: true, times_redeemed: 1 });
    expect(code(call("findVoucher", { query: { code: "NO-SUCH-CODE" } }))).toBe(80004);
  });

  it("refuses a seed whose code repeats", () => {
    const part = vouchers.defaults(ctx) as { vouchers: { code: string }[] };
    part.vouchers[1]!.code = part.vouchers[0]!.code;
    expect(() => vouchers.load(ctx, part)).toThrow(`vouchers[1].code repeats ${part.vouchers[0]!.code}`);
  });
});

describe("vouchers module: creating", () => {
  it("creates one for a contact with the promotion's rules and emits voucher_created; 80003 for a taken code; undo removes it", () => {
    const call = load();
    const created = call("createVoucher", { body: { promotion_uuid: seedPromotions.limited, code: "NEW-1", contact_uuid: seedContacts.withoutTier } }) as Change;
    const voucher = data(created);
    expect(voucher).toMatchObject({ code: "NEW-1", status: "ACTIVE", total_redemptions_allowed: 1, contact: { uuid: seedContacts.withoutTier } });
    // The promotion's expiration_duration (30 days) sets the expiry.
    expect(Date.parse(voucher.expiration_date) - Date.parse(voucher.activation_date)).toBe(2592000 * 1000);
    checkEvents(created, ["voucher_created"]);
    expect(events(created)[0]!.data).toMatchObject({ voucher: { uuid: voucher.uuid, code: "NEW-1", contact: { uuid: seedContacts.withoutTier } } });
    expect(data(call("findVoucher", { query: { code: "NEW-1" } })).uuid).toBe(voucher.uuid);
    expect(code(call("createVoucher", { body: { promotion_uuid: seedPromotions.unlimited, code: "NEW-1" } }))).toBe(80003);
    created.undo();
    expect(code(call("findVoucher", { query: { code: "NEW-1" } }))).toBe(80004);
  });

  it("generates a code, takes the promotion's redemptions_per_voucher, and refuses an unknown promotion (80002), contact (55031) or date (1003)", () => {
    const call = load();
    const promotion = data(call("createPromotion", { body: { name: "Triple", description: "Three uses", redemptions_per_voucher: 3 } }));
    const voucher = data(call("createVoucher", { body: { promotion_uuid: promotion.uuid } }));
    expect(voucher.code).toMatch(/^V[0-9A-F]{10}$/);
    expect(voucher).toMatchObject({ total_redemptions_allowed: 3, expiration_date: null, contact: null });
    // The voucher's own attribute values over the promotion's; an update merges more in.
    const own = data(call("createVoucher", { body: { promotion_uuid: seedPromotions.limited, custom_attributes: { size: "XL" } } }));
    expect(own.attributes).toEqual({ plu: "ABC123", size: "XL" });
    const updated = data(call("updateVoucher", { params: { voucher_uuid: own.uuid }, body: { status: "ACTIVE", custom_attributes: { plu: "XYZ" } } }));
    expect(updated.attributes).toEqual({ plu: "XYZ", size: "XL" });
    expect(updated.promotion.plu).toBe("ABC123");
    expect(code(call("createVoucher", { body: { promotion_uuid: UNKNOWN } }))).toBe(80002);
    expect(code(call("createVoucher", { body: { promotion_uuid: promotion.uuid, contact_uuid: UNKNOWN } }))).toBe(55031);
    const bad = call("createVoucher", { body: { promotion_uuid: promotion.uuid, expiration_date: "someday" } });
    expect(body(bad)).toMatchObject({ code: 1003, errors: { expiration_date: ["The expiration date field must be a valid date."] } });
  });

  it("refuses 80008 past the promotion's voucher_limit and limit_per_contact (single and batch)", () => {
    const call = load();
    const promotion = data(call("createPromotion", { body: { name: "Scarce", description: "Two only", voucher_limit: 2, limit_per_contact: 1 } }));
    expect(code(call("createVoucherBatch", { body: { promotion_uuid: promotion.uuid, quantity: 3 } }))).toBe(80008);
    expect(data(call("createVoucher", { body: { promotion_uuid: promotion.uuid, contact_uuid: seedContacts.withTier } })).status).toBe("ACTIVE");
    expect(code(call("createVoucher", { body: { promotion_uuid: promotion.uuid, contact_uuid: seedContacts.withTier } }))).toBe(80008);
    expect(data(call("createVoucher", { body: { promotion_uuid: promotion.uuid } })).status).toBe("ACTIVE");
    expect(code(call("createVoucher", { body: { promotion_uuid: promotion.uuid } }))).toBe(80008);
  });

  it("issues a batch at once (a pending job), listed under its promotion; one voucher_created each; undo removes them all", () => {
    const call = load();
    const promotion = data(call("createPromotion", { body: { name: "Batch", description: "Flyers" } }));
    const job = call("createVoucherBatch", { body: { promotion_uuid: promotion.uuid, quantity: 4, contact_uuid: seedContacts.withoutTier } }) as Change;
    expect(job.status).toBe(201);
    expect(data(job)).toMatchObject({ type: "vouchers", quantity: 4, status: "PENDING" });
    expect(data(job).created_at).toMatch(/^\d{4}-\d\d-\d\d, \d\d:\d\d$/);
    checkEvents(job, ["voucher_created", "voucher_created", "voucher_created", "voucher_created"]);
    const listed = body(call("listVouchers", { query: { promotion_uuid: promotion.uuid, limit: "3" } }));
    expect(listed.data).toHaveLength(3);
    expect(listed.meta).toMatchObject({ total: 4, per_page: 3, last_page: 2, from: 1, to: 3, current_page: 1 });
    expect(listed.links.next).toMatch(/page=2$/);
    expect(body(call("listVouchers", { query: { promotion_uuid: promotion.uuid, limit: "3", page: "2" } })).data).toHaveLength(1);
    expect(new Set(listed.data.map((v: { code: string }) => v.code)).size).toBe(3);
    job.undo();
    expect(body(call("listVouchers", { query: { promotion_uuid: promotion.uuid } })).meta.total).toBe(0);
  });
});

describe("vouchers module: listing", () => {
  it("filters by promotion, contact and status; 80002 and 55031 for unknown filters", () => {
    const call = load();
    const all = body(call("listVouchers"));
    expect(all.meta.total).toBe(5);
    const byContact = body(call("listVouchers", { query: { contact_uuid: seedContacts.withTier } })).data.map((v: { code: string }) => v.code);
    expect(byContact.sort()).toEqual([seedVouchers.singleUse.code, seedVouchers.multiUse.code, seedVouchers.redeemed.code].sort());
    expect(body(call("listVouchers", { query: { status: "EXPIRED" } })).data.map((v: { code: string }) => v.code)).toEqual([seedVouchers.expired.code]);
    expect(body(call("listVouchers", { query: { promotion_uuid: seedPromotions.unlimited } })).meta.total).toBe(2);
    expect(code(call("listVouchers", { query: { promotion_uuid: UNKNOWN } }))).toBe(80002);
    expect(code(call("listVouchers", { query: { contact_uuid: UNKNOWN } }))).toBe(55031);
  });
});

describe("vouchers module: redeeming", () => {
  it("redeems a single-use voucher once (voucher_redeemed), then refuses 80005; reverse makes it usable again", () => {
    const call = load();
    const first = call(...redeem(seedVouchers.singleUse.code)) as Change;
    const redeemed = data(first);
    expect(redeemed).toMatchObject({ status: "REDEEMED", is_redeemed: true, times_redeemed: 1, redemptions_remaining: 0 });
    expect(redeemed.voucher_redemption.uuid).toEqual(expect.any(String));
    checkEvents(first, ["voucher_redeemed"]);
    expect(code(call(...redeem(seedVouchers.singleUse.code)))).toBe(80005);
    const reversed = call("reverseVoucherRedemption", { params: { uuid: redeemed.voucher_redemption.uuid } }) as Change;
    expect(data(reversed)).toMatchObject({ status: "ACTIVE", times_redeemed: 0, redeemed_at: null });
    checkEvents(reversed, ["voucher_updated"]);
    expect(code(call("reverseVoucherRedemption", { params: { uuid: redeemed.voucher_redemption.uuid } }))).toBe(80004);
    expect(data(call(...redeem(seedVouchers.singleUse.code))).status).toBe("REDEEMED");
  });

  it("reverses the seeded redemption, and by a voucher's uuid its latest redemption", () => {
    const call = load();
    expect(data(call("reverseVoucherRedemption", { params: { uuid: seedVouchers.redeemed.redemption } })).status).toBe("ACTIVE");
    call(...redeem(seedVouchers.redeemed.code));
    expect(data(call("reverseVoucherRedemption", { params: { uuid: seedVouchers.redeemed.uuid } })).times_redeemed).toBe(0);
    expect(code(call("reverseVoucherRedemption", { params: { uuid: seedVouchers.redeemed.uuid } }))).toBe(80004);
    expect(code(call("reverseVoucherRedemption", { params: { uuid: UNKNOWN } }))).toBe(80004);
  });

  it("redeems a multi-use voucher until it is used up: 80019 when fewer redemptions are left than asked, 80005 when none", () => {
    const call = load();
    expect(data(call(...redeem(seedVouchers.multiUse.code)))).toMatchObject({ status: "ACTIVE", times_redeemed: 1, redemptions_remaining: 2 });
    const multi = (n: number) => call("multiRedeemVoucher", { body: { code: seedVouchers.multiUse.code, number_of_times: n, shop_uuid: SHOP } });
    expect(code(multi(3))).toBe(80019);
    const used = multi(2) as Change;
    expect(data(used).voucher).toMatchObject({ status: "REDEEMED", times_redeemed: 3, redemptions_remaining: 0 });
    expect(data(used).voucher_redemptions).toHaveLength(2);
    checkEvents(used, ["voucher_redeemed"]);
    expect(code(multi(1))).toBe(80005);
    used.undo();
    expect(data(call("findVoucher", { query: { code: seedVouchers.multiUse.code } })).redemptions_remaining).toBe(2);
  });

  it("refuses an expired (80006), deactivated (80012), not yet active (80014) or unknown (80004) voucher", () => {
    const call = load();
    expect(code(call(...redeem(seedVouchers.expired.code, { contact_uuid: seedContacts.withTier })))).toBe(80006);
    expect(code(call(...redeem("NO-SUCH-CODE")))).toBe(80004);
    const deactivated = call("updateVoucher", { params: { voucher_uuid: seedVouchers.multiUse.uuid }, body: { status: "DEACTIVATED" } }) as Change;
    expect(data(deactivated).status).toBe("DEACTIVATED");
    checkEvents(deactivated, ["voucher_updated"]);
    expect(code(call(...redeem(seedVouchers.multiUse.code)))).toBe(80012);
    expect(code(call("lockVoucher", { params: { voucher_uuid: seedVouchers.multiUse.uuid } }))).toBe(80012);
    call("updateVoucher", { params: { voucher_uuid: seedVouchers.multiUse.uuid }, body: { status: "ACTIVE" } });
    expect(data(call(...redeem(seedVouchers.multiUse.code))).status).toBe("ACTIVE");
    const later = data(call("createVoucher", { body: { promotion_uuid: seedPromotions.unlimited, activation_date: "2999-01-01T00:00:00+00:00", contact_uuid: seedContacts.withTier } }));
    expect(later.status).toBe("INACTIVE");
    expect(code(call(...redeem(later.code)))).toBe(80014);
    expect(code(call("validateVoucher", { params: { voucher_uuid: later.uuid }, body: { shop_uuid: SHOP } }))).toBe(80014);
  });

  it("expires a voucher when its date passes, and an update can move the date", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse("2030-01-01T00:00:00Z"));
    const call = load();
    const voucher = data(call("createVoucher", { body: { promotion_uuid: seedPromotions.unlimited, contact_uuid: seedContacts.withTier, expiration_date: "2030-01-02T00:00:00+01:00" } }));
    expect(voucher.expiration_date).toBe("2030-01-01T23:00:00+00:00");
    vi.setSystemTime(Date.parse("2030-01-01T23:00:00Z"));
    expect(data(call("findVoucher", { query: { code: voucher.code } })).status).toBe("EXPIRED");
    expect(code(call(...redeem(voucher.code)))).toBe(80006);
    expect(code(call("lockVoucher", { params: { voucher_uuid: voucher.uuid } }))).toBe(80006);
    call("updateVoucher", { params: { voucher_uuid: voucher.uuid }, body: { status: "ACTIVE", expiration_date: "2031-01-01T00:00:00Z" } });
    expect(data(call(...redeem(voucher.code))).status).toBe("REDEEMED");
  });

  it("needs a known contact for a voucher that belongs to nobody, and binds it; another contact than the holder gets 80004", () => {
    const call = load();
    expect(body(call(...redeem(seedVouchers.unassigned.code)))).toMatchObject({ code: 1003, errors: { contact_uuid: expect.any(Array) } });
    expect(body(call(...redeem(seedVouchers.unassigned.code, { contact_uuid: UNKNOWN })))).toMatchObject({ code: 1003, errors: { contact_uuid: ["No contact has this uuid."] } });
    expect(code(call(...redeem(seedVouchers.singleUse.code, { contact_uuid: seedContacts.withoutTier })))).toBe(80004);
    expect(code(call("validateVoucher", { params: { voucher_uuid: seedVouchers.singleUse.uuid }, body: { shop_uuid: SHOP, contact_uuid: seedContacts.withoutTier } }))).toBe(80004);
    expect(data(call(...redeem(seedVouchers.singleUse.code, { contact_uuid: seedContacts.withTier }))).status).toBe("REDEEMED");
    expect(data(call(...redeem(seedVouchers.unassigned.code, { contact_uuid: seedContacts.withoutTier }))).contact.uuid).toBe(seedContacts.withoutTier);
  });
});

describe("vouchers module: locking", () => {
  it("locks (LOCKED, a release key, voucher_updated), refuses a second lock (80017), releases with the key only", () => {
    const call = load();
    const params = { voucher_uuid: seedVouchers.singleUse.uuid };
    const locked = call("lockVoucher", { params }) as Change;
    const { voucher, lock } = data(locked);
    expect(voucher).toEqual({ uuid: seedVouchers.singleUse.uuid, status: "LOCKED" });
    expect(Date.parse(lock.system_release_at) - Date.parse(lock.locked_at)).toBe(3600 * 1000);
    checkEvents(locked, ["voucher_updated"]);
    expect(data(call("findVoucher", { query: { code: seedVouchers.singleUse.code } })).status).toBe("LOCKED");
    expect(code(call("lockVoucher", { params }))).toBe(80017);
    expect(code(call("releaseVoucher", { params, body: { release_key: "not-the-key" } }))).toBe(80017);
    const released = call("releaseVoucher", { params, body: { release_key: lock.release_key } }) as Change;
    expect(data(released)).toMatchObject({ voucher: { status: "ACTIVE" }, lock: { release_key: lock.release_key, unlocked_at: expect.any(String), system_release_at: null } });
    checkEvents(released, ["voucher_updated"]);
    // Releasing again with the same key answers the ended lock and changes nothing; another key is a bad input.
    const again = call("releaseVoucher", { params, body: { release_key: lock.release_key } });
    expect(data(again).lock.unlocked_at).toBe(data(released).lock.unlocked_at);
    expect(events(again)).toEqual([]);
    expect(body(call("releaseVoucher", { params, body: { release_key: "not-the-key" } }))).toMatchObject({ code: 1003, errors: { release_key: expect.any(Array) } });
    expect(code(call("lockVoucher", { params: { voucher_uuid: UNKNOWN } }))).toBe(80004);
    expect(code(call("releaseVoucher", { params: { voucher_uuid: UNKNOWN }, body: { release_key: "x" } }))).toBe(80004);
  });

  it("a locked voucher is redeemed only with its release key (80017 without), which ends the lock", () => {
    const call = load();
    const { lock } = data(call("lockVoucher", { params: { voucher_uuid: seedVouchers.multiUse.uuid } }));
    expect(code(call(...redeem(seedVouchers.multiUse.code)))).toBe(80017);
    expect(code(call("multiRedeemVoucher", { body: { code: seedVouchers.multiUse.code, number_of_times: 1, shop_uuid: SHOP, release_key: "wrong" } }))).toBe(80017);
    // Validating does not take the lock into account: the checkout holding it may ask.
    expect(data(call("validateVoucher", { params: { voucher_uuid: seedVouchers.multiUse.uuid }, body: { shop_uuid: SHOP } })).status).toBe("LOCKED");
    expect(data(call(...redeem(seedVouchers.multiUse.code, { release_key: lock.release_key })))).toMatchObject({ status: "ACTIVE", times_redeemed: 1 });
    expect(data(call(...redeem(seedVouchers.multiUse.code))).times_redeemed).toBe(2);
  });

  it("refuses to lock a redeemed voucher (80005); a lock runs out after an hour", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse("2030-01-01T00:00:00Z"));
    const call = load();
    expect(code(call("lockVoucher", { params: { voucher_uuid: seedVouchers.redeemed.uuid } }))).toBe(80005);
    const params = { voucher_uuid: seedVouchers.unassigned.uuid };
    const { lock } = data(call("lockVoucher", { params }));
    vi.setSystemTime(Date.parse("2030-01-01T00:59:59Z"));
    expect(code(call("lockVoucher", { params }))).toBe(80017);
    vi.setSystemTime(Date.parse("2030-01-01T01:00:00Z"));
    expect(data(call("findVoucher", { query: { code: seedVouchers.unassigned.code } })).status).toBe("ACTIVE");
    expect(data(call("releaseVoucher", { params, body: { release_key: lock.release_key } })).lock).toMatchObject({ unlocked_at: lock.system_release_at, system_release_at: null });
    expect(data(call("lockVoucher", { params })).voucher.status).toBe("LOCKED");
  });
});

describe("vouchers and promotions: the spec's request examples", () => {
  // Stricter than every-operation.test.ts, which accepts a documented refusal: the seed is
  // built so that each example succeeds as written (the docs' samples and the scale pipeline run them).
  it("each succeeds against the seeded state", async () => {
    const api = await startTestServer();
    const ids = new Set([...vouchers.operations, ...promotions.operations]);
    const failed: string[] = [];
    try {
      for (const op of contractOperations(spec).filter((o) => ids.has(o.operationId))) {
        for (const example of op.requests.length > 0 ? op.requests : [undefined]) {
          await fetch(`${api.url}/__mock/reset`, { method: "POST" });
          const encoded = example ? encodeBody(example) : undefined;
          const response = await fetch(api.url + op.path, {
            method: op.method,
            headers: { authorization: "Bearer t", accept: "application/json", ...(encoded?.contentType ? { "content-type": encoded.contentType } : {}) },
            body: encoded?.body,
          });
          if (response.status >= 300) failed.push(`${op.operationId} ${example?.name ?? ""}: ${response.status} ${await response.text()}`);
        }
      }
      expect(failed).toEqual([]);
      expect(api.mismatches).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
