// A voucher's checkout against the stateful mock, through the generated client: created, found
// by code, locked, released, locked again and redeemed with its key; the second redeem, an
// expired voucher and a used-up multi-use voucher come back as LeatApiError codes.
import { describe, expect, it } from "vitest";
import { seedContacts, seedPromotions, seedShops, seedVouchers } from "@leat-openapi/mock-server";
import { LeatApiError, LeatErrorCode } from "../src/index.js";
import { onMock, refusal } from "./on-mock.js";

const on = onMock("mock-vouchers-token");
const shop_uuid = seedShops.physical;

describe("vouchers on the mock", () => {
  it("creates a voucher, finds it by code, locks, releases, redeems with the key, and refuses the second redeem", async () => {
    const code = "KRUSTY-CHECKOUT-1";
    const created = await on.leat.vouchers.create({ promotion_uuid: seedPromotions.limited, code, contact_uuid: seedContacts.withoutTier });
    expect(created).toMatchObject({ code, status: "ACTIVE", contact: { uuid: seedContacts.withoutTier }, promotion: { uuid: seedPromotions.limited } });
    expect(await refusal(on.leat.vouchers.create({ promotion_uuid: seedPromotions.limited, code }))).toBe(LeatErrorCode.VoucherAlreadyExists);

    const found = await on.leat.vouchers.find({ code });
    expect(found).toMatchObject({ uuid: created.uuid, redemptions_remaining: 1 });
    await expect(on.leat.vouchers.validate(created.uuid, { shop_uuid })).resolves.toMatchObject({ uuid: created.uuid });

    const first = await on.leat.vouchers.lock(created.uuid);
    expect(first.voucher).toMatchObject({ uuid: created.uuid, status: "LOCKED" });
    expect(await refusal(on.leat.vouchers.lock(created.uuid))).toBe(LeatErrorCode.VoucherAlreadyLocked);
    expect(await refusal(on.leat.vouchers.redeem({ code, shop_uuid }))).toBe(LeatErrorCode.VoucherAlreadyLocked);
    const released = await on.leat.vouchers.release(created.uuid, { release_key: first.lock.release_key! });
    expect(released).toMatchObject({ voucher: { status: "ACTIVE" }, lock: { system_release_at: null } });
    expect((await on.leat.vouchers.find({ code })).status).toBe("ACTIVE");

    const second = await on.leat.vouchers.lock(created.uuid);
    const redeemed = await on.leat.vouchers.redeem({ code, shop_uuid, release_key: second.lock.release_key! });
    expect(redeemed).toMatchObject({ status: "REDEEMED", is_redeemed: true, times_redeemed: 1, redemptions_remaining: 0 });
    expect(await refusal(on.leat.vouchers.redeem({ code, shop_uuid }))).toBe(LeatErrorCode.VoucherAlreadyRedeemed);
    expect(await refusal(on.leat.vouchers.lock(created.uuid))).toBe(LeatErrorCode.VoucherAlreadyRedeemed);

    // Reversing the redemption (by its uuid) makes the voucher usable again.
    await expect(on.leat.vouchers.reverse(redeemed.voucher_redemption!.uuid)).resolves.toMatchObject({ status: "ACTIVE" });
    await expect(on.leat.vouchers.redeem({ code, shop_uuid })).resolves.toMatchObject({ status: "REDEEMED" });
  });

  it("redeems a single-use voucher once when twenty tills try at the same moment", async () => {
    const { code } = await on.leat.vouchers.create({ promotion_uuid: seedPromotions.unlimited, contact_uuid: seedContacts.withoutTier });
    const tries = await Promise.allSettled(Array.from({ length: 20 }, () => on.leat.vouchers.redeem({ code: code!, shop_uuid })));
    expect(tries.filter((t) => t.status === "fulfilled")).toHaveLength(1);
    const codes = tries.flatMap((t) => (t.status === "rejected" ? [(t.reason as LeatApiError).code] : []));
    expect(codes).toEqual(Array(19).fill(LeatErrorCode.VoucherAlreadyRedeemed));
  });

  it("refuses an expired voucher and a used-up multi-use one; lists by contact", async () => {
    expect(await refusal(on.leat.vouchers.redeem({ code: seedVouchers.expired.code, shop_uuid, contact_uuid: seedContacts.withTier }))).toBe(LeatErrorCode.VoucherExpired);
    const multi = await on.leat.vouchers.multiRedeem({ code: seedVouchers.multiUse.code, number_of_times: 2, shop_uuid });
    expect(multi.voucher).toMatchObject({ times_redeemed: 2, redemptions_remaining: 1 });
    expect(await refusal(on.leat.vouchers.multiRedeem({ code: seedVouchers.multiUse.code, number_of_times: 2, shop_uuid }))).toBe(LeatErrorCode.VoucherRedemptionsExhausted);
    const page = await on.leat.vouchers.list({ contact_uuid: seedContacts.withTier, limit: 2 }).page();
    expect(page.data).toHaveLength(2);
    expect(page.meta).toMatchObject({ total: 3, last_page: 2 });
    const all: string[] = [];
    for await (const voucher of on.leat.vouchers.list({ contact_uuid: seedContacts.withTier, limit: 2 })) all.push(voucher.code!);
    expect(all.sort()).toEqual([seedVouchers.singleUse.code, seedVouchers.multiUse.code, seedVouchers.redeemed.code].sort());
  });
});
