// Money against the stateful mock, through the generated client: a giftcard's balance and a
// contact's prepaid balance move with each transaction, and the documented refusals come back
// as LeatApiError codes.
import { describe, expect, it } from "vitest";
import { seedGiftcardPrograms, seedShops } from "@leat-openapi/mock-server";
import { LeatErrorCode } from "../src/index.js";
import { onMock, refusal } from "./on-mock.js";

const on = onMock("mock-money-token");

describe("giftcards on the mock", () => {
  it("walks a new card 0 -> top-up -> spend, refuses an over-spend, reverses the spend once", async () => {
    const card = await on.leat.giftcards.create({ type: 1, giftcard_program_uuid: seedGiftcardPrograms.capped });
    expect(card.amount_in_cents).toBe(0);
    const balance = async () => (await on.leat.giftcards.findByHash({ hash: card.hash! })).amount_in_cents;
    const move = (amount_in_cents: number) => on.leat.giftcardTransactions.create({ giftcard_uuid: card.uuid!, amount_in_cents, shop_uuid: seedShops.physical });

    const topUp = await move(2500);
    expect(topUp).toMatchObject({ amount_in_cents: 2500, card: { uuid: card.uuid } });
    expect(await balance()).toBe(2500);
    const spend = await move(-1000);
    expect(await balance()).toBe(1500);
    expect(await refusal(move(-1501))).toBe(LeatErrorCode.InsufficientGiftcardAmount);
    expect(await balance()).toBe(1500);
    expect(await refusal(move(51000))).toBe(LeatErrorCode.GiftcardMaxAmountExceeded);

    const reversal = await on.leat.giftcardTransactions.reverse(spend.uuid!);
    expect(reversal.amount_in_cents).toBe(1000);
    expect(await balance()).toBe(2500);
    expect(await refusal(on.leat.giftcardTransactions.reverse(spend.uuid!))).toBe(LeatErrorCode.NotLastGiftcardTransaction);
    expect(await refusal(on.leat.giftcardTransactions.get("00000000-0000-4000-8000-000000000000"))).toBe(LeatErrorCode.GiftcardTransactionNotFound);
    expect(await balance()).toBe(2500);

    // The card's history, two to a page.
    const first = await on.leat.giftcardTransactions.list({ giftcard_hash: card.hash!, perPage: 2 }).page();
    expect(first.data.map((t) => t.amount_in_cents)).toEqual([2500, -1000]);
    expect(first.meta).toMatchObject({ total: 3, last_page: 2 });
    expect(first.hasNextPage()).toBe(true);
    expect((await first.getNextPage()).data.map((t) => t.uuid)).toEqual([reversal.uuid]);
    expect(await refusal(on.leat.giftcards.get("00000000-0000-4000-8000-000000000000"))).toBe(LeatErrorCode.GiftcardNotFound);
  });
});

describe("prepaid balances on the mock", () => {
  it("tops up, spends, refuses an over-spend and reverses, the contact's balance read at each step", async () => {
    const contact = await on.leat.contacts.findOrCreate({ email: "mrs.puff@bikinibottom.sea" });
    const balance = async () => (await on.leat.contacts.getPrepaidBalance(contact.uuid)).balance_in_cents;
    const move = (amount_in_cents: number) => on.leat.prepaidTransactions.create({ contact_uuid: contact.uuid, amount_in_cents, shop_uuid: seedShops.physical });
    expect(await balance()).toBe(0);

    const topUp = await move(5000);
    expect(topUp.prepaid_balance).toEqual({ balance_in_cents: 5000, balance: "€50.00" });
    expect(await balance()).toBe(5000);
    const spend = await move(-1000);
    expect(await balance()).toBe(4000);
    expect((await on.leat.contacts.get(contact.uuid)).prepaid_balance).toEqual({ balance_in_cents: 4000 });
    expect(await refusal(move(-4001))).toBe(LeatErrorCode.InvalidInput);
    expect(await balance()).toBe(4000);

    expect((await on.leat.prepaidTransactions.reverse(spend.uuid!)).prepaid_balance?.balance_in_cents).toBe(5000);
    expect(await balance()).toBe(5000);
    expect(await refusal(on.leat.prepaidTransactions.reverse(spend.uuid!))).toBe(LeatErrorCode.InvalidInput);
    expect(await balance()).toBe(5000);

    const listed = await on.leat.prepaidTransactions.list({ contact_uuid: contact.uuid });
    expect(listed.map((t) => t.amount_in_cents)).toEqual([5000, -1000, 1000]);
    expect(listed[0]!.contact).toEqual({ uuid: contact.uuid, email: "mrs.puff@bikinibottom.sea" });
    expect(await refusal(on.leat.prepaidTransactions.create({ contact_uuid: "00000000-0000-4000-8000-000000000000", amount_in_cents: 1, shop_uuid: seedShops.physical }))).toBe(
      LeatErrorCode.ContactNotFound,
    );
  });
});
