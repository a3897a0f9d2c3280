// The README's worked example (section "Worked example: credits for an order, then a reward"),
// type-checked with the package and run against the mock by test/mock-ledger-walk.test.ts,
// which also checks that the README shows this text as it is here.
// README-EXAMPLE-START
import { isLeatApiError, LeatConnectionError, LeatErrorCode, LeatTimeoutError, type CreateOrderBody, type LeatClient } from "@leat-openapi/client";

/** Gives a paid order's credits to its contact, then claims the dearest reward the contact can afford. */
export async function awardThenRedeem(leat: LeatClient, order: CreateOrderBody, shopUuid: string) {
  const contactUuid = order.contact.uuid;

  // 1. Credits for the order. Not idempotent, and a write is never retried after a
  //    connection error or timeout: find out whether the order was stored before sending it again.
  let awarded: number | undefined;
  try {
    const { result } = await leat.orders.createAndProcess(order);
    if (result.type?.toUpperCase() === "POINTS_TRANSACTION") awarded = result.data?.points;
  } catch (error) {
    if (!(error instanceof LeatConnectionError || error instanceof LeatTimeoutError)) throw error;
    const stored = await leat.orders.find({ external_identifier: order.external_identifier }).catch(() => undefined);
    if (!stored) throw error; // not stored: safe to send again later
  }

  // 2. What the contact can claim now: the list with contact_uuid holds only those rewards.
  const { balance } = await leat.contacts.getCreditBalance(contactUuid);
  const claimable = (await leat.rewards.list({ contact_uuid: contactUuid }))
    .filter((reward) => (reward.required_credits ?? 0) <= balance)
    .sort((a, b) => (b.required_credits ?? 0) - (a.required_credits ?? 0));
  const reward = claimable[0];
  if (!reward) return { awarded, balance, reception: undefined };

  // 3. Claim it. The balance may have changed since step 2 (another till, another tab).
  try {
    const reception = await leat.rewardReceptions.create({ contact_uuid: contactUuid, reward_uuid: reward.uuid, shop_uuid: shopUuid });
    return { awarded, balance: reception.contact?.credit_balance?.balance, reception };
  } catch (error) {
    if (isLeatApiError(error, LeatErrorCode.InsufficientCredits)) return { awarded, balance, reception: undefined }; // 1017: spent meanwhile
    if (isLeatApiError(error, LeatErrorCode.RewardOutOfStock) || isLeatApiError(error, LeatErrorCode.RewardClaimLimitReached)) {
      return { awarded, balance, reception: undefined }; // 1018, 1019: offer another reward
    }
    throw error; // 55031 ContactNotFound, 1008 ShopNotFound, 6003 RewardNotFound: a bug on our side
  }
}
// README-EXAMPLE-END
