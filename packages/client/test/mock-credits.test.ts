// Earning and taking back credits against the stateful mock, through the generated client:
// a reception moves the contact's balance, calculate agrees with it, the loyalty transactions
// list pages newest first, and a reversal is refused the second time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedContacts, seedShops, startMockServer, type MockServer } from "@leat-openapi/mock-server";
import { createLeatClient, LeatApiError, LeatErrorCode, type LeatClient } from "../src/index.js";

let mock: MockServer;
let leat: LeatClient;
// Every answer the mock gives here is checked against the spec.
const mismatches: unknown[] = [];

beforeAll(async () => {
  mock = await startMockServer({ port: 0, validateResponses: (m) => void mismatches.push(m) });
  leat = createLeatClient({ apiKey: "mock-credits-token", baseUrl: mock.url });
});
afterAll(async () => {
  await mock?.close();
  expect(JSON.stringify(mismatches)).toBe("[]");
});

async function refusal(promise: Promise<unknown>): Promise<number | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LeatApiError);
  return (error as LeatApiError).code;
}

describe("credits on the mock", () => {
  it("awards, lists, pages and reverses once; the contact's balance follows", async () => {
    await mock.reset();
    const contact_uuid = seedContacts.withoutTier;
    const shop_uuid = seedShops.physical;
    const quote = await leat.creditReceptions.calculate({ shop_uuid, contact_uuid, unit_value: 41.16, unit_name: "purchase_amount" });
    const purchase = await leat.creditReceptions.create({ shop_uuid, contact_uuid, unit_value: 41.16, unit_name: "purchase_amount" });
    expect(purchase.credits).toBe(quote.credits);
    const bonus = await leat.creditReceptions.create({ shop_uuid, contact_uuid, credits: 5 });
    const third = await leat.creditReceptions.create({ shop_uuid, contact_uuid, credits: 1 });
    await expect(leat.contacts.getCreditBalance(contact_uuid)).resolves.toEqual({ balance: quote.credits + 6 });

    const walked: string[] = [];
    for await (const item of leat.loyaltyTransactions.list({ contact_uuid, limit: 2 })) walked.push(item.uuid!);
    expect(walked).toEqual([third.uuid, bonus.uuid, purchase.uuid]);
    const page = await leat.loyaltyTransactions.list({ contact_uuid, limit: 2 }).page();
    expect(page.meta).toMatchObject({ page: 1, last_page: 2, total: 3 });

    const reversal = await leat.creditReceptions.reverse(purchase.uuid);
    expect(reversal.credits).toBe(-quote.credits);
    expect(await refusal(leat.creditReceptions.reverse(purchase.uuid))).toBe(LeatErrorCode.InvalidInput);
    await expect(leat.contacts.getCreditBalance(contact_uuid)).resolves.toEqual({ balance: 6 });
    expect(await refusal(leat.creditReceptions.create({ shop_uuid, contact_uuid, credits: -7 }))).toBe(LeatErrorCode.InsufficientCredits);
  });

  it("refuses an unknown shop, contact and unit with their codes", async () => {
    const contact_uuid = seedContacts.withTier;
    const shop_uuid = seedShops.web;
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(await refusal(leat.creditReceptions.create({ shop_uuid: unknown, contact_uuid, credits: 1 }))).toBe(LeatErrorCode.ShopNotFound);
    expect(await refusal(leat.creditReceptions.create({ shop_uuid, contact_uuid: unknown, credits: 1 }))).toBe(LeatErrorCode.ContactNotFound);
    expect(await refusal(leat.creditReceptions.calculate({ shop_uuid, unit_value: 3, unit_name: "stamps" }))).toBe(LeatErrorCode.UnitNotFound);
    expect(await refusal(leat.creditReceptions.reverse(unknown))).toBe(LeatErrorCode.CreditReceptionNotFound);
  });
});
