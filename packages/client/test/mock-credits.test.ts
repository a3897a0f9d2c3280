// Earning and taking back credits against the stateful mock, through the generated client:
// a reception moves the contact's balance, calculate agrees with it, the loyalty transactions
// list pages newest first, and a reversal is refused the second time.
import { describe, expect, it } from "vitest";
import { seedContacts, seedShops } from "@leat-openapi/mock-server";
import { LeatErrorCode } from "../src/index.js";
import { onMock, refusal } from "./on-mock.js";

const on = onMock("mock-credits-token");

describe("credits on the mock", () => {
  it("awards, lists, pages and reverses once; the contact's balance follows", async () => {
    await on.mock.reset();
    const contact_uuid = seedContacts.withoutTier;
    const shop_uuid = seedShops.physical;
    const quote = await on.leat.creditReceptions.calculate({ shop_uuid, contact_uuid, unit_value: 41.16, unit_name: "purchase_amount" });
    const purchase = await on.leat.creditReceptions.create({ shop_uuid, contact_uuid, unit_value: 41.16, unit_name: "purchase_amount" });
    expect(purchase.credits).toBe(quote.credits);
    const bonus = await on.leat.creditReceptions.create({ shop_uuid, contact_uuid, credits: 5 });
    const third = await on.leat.creditReceptions.create({ shop_uuid, contact_uuid, credits: 1 });
    await expect(on.leat.contacts.getCreditBalance(contact_uuid)).resolves.toEqual({ balance: quote.credits + 6 });

    const walked: string[] = [];
    for await (const item of on.leat.loyaltyTransactions.list({ contact_uuid, limit: 2 })) walked.push(item.uuid!);
    expect(walked).toEqual([third.uuid, bonus.uuid, purchase.uuid]);
    const page = await on.leat.loyaltyTransactions.list({ contact_uuid, limit: 2 }).page();
    expect(page.meta).toMatchObject({ page: 1, last_page: 2, total: 3 });

    const reversal = await on.leat.creditReceptions.reverse(purchase.uuid);
    expect(reversal.credits).toBe(-quote.credits);
    expect(await refusal(on.leat.creditReceptions.reverse(purchase.uuid))).toBe(LeatErrorCode.InvalidInput);
    await expect(on.leat.contacts.getCreditBalance(contact_uuid)).resolves.toEqual({ balance: 6 });
    expect(await refusal(on.leat.creditReceptions.create({ shop_uuid, contact_uuid, credits: -7 }))).toBe(LeatErrorCode.InsufficientCredits);
  });

  it("refuses an unknown shop, contact and unit with their codes", async () => {
    const contact_uuid = seedContacts.withTier;
    const shop_uuid = seedShops.web;
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(await refusal(on.leat.creditReceptions.create({ shop_uuid: unknown, contact_uuid, credits: 1 }))).toBe(LeatErrorCode.ShopNotFound);
    expect(await refusal(on.leat.creditReceptions.create({ shop_uuid, contact_uuid: unknown, credits: 1 }))).toBe(LeatErrorCode.ContactNotFound);
    expect(await refusal(on.leat.creditReceptions.calculate({ shop_uuid, unit_value: 3, unit_name: "stamps" }))).toBe(LeatErrorCode.UnitNotFound);
    expect(await refusal(on.leat.creditReceptions.reverse(unknown))).toBe(LeatErrorCode.CreditReceptionNotFound);
  });
});
