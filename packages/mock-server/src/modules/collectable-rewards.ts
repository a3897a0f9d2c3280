// Collectable rewards: the physical rewards a contact claimed (reward receptions, which are
// the ledger's entries) that wait at the shop. Collected once; a collection can be reversed,
// which makes the reward collectable again. Whether one was collected is the entry's own
// `has_been_collected`, set through the ledger, so this module keeps no state either.
import type { Answer, Change } from "../answer.js";
import { defineModule, NO_STATE } from "../module.js";
import { isObject, type JsonObject } from "../spec.js";
import { type LedgerEntry, ledger } from "./loyalty-transactions.js";
import { RECEPTION_TYPES, standingReception } from "./reward-receptions.js";

const isPhysical = (entry: LedgerEntry) => isObject(entry.fields.reward) && entry.fields.reward.reward_type === "PHYSICAL";
const collected = (entry: LedgerEntry) => entry.fields.has_been_collected === true;

export const collectableRewards = defineModule<null>({
  name: "collectable rewards",
  operations: ["listCollectableRewards", "collectReward", "reverseCollectableRewardRedemption"],
  errors: ["ContactNotFound", "RewardNotFound", "RewardOrWebhookSubscriptionNotFound"],
  ...NO_STATE,

  handlers(ctx, _state, peer) {
    const book = ledger(peer);
    /** A physical reward's reception, not reversed: what can be collected (or was). */
    const collectable = (uuid: string) => {
      const entry = standingReception(book, uuid);
      return entry && isPhysical(entry) ? entry : undefined;
    };
    const view = (entry: LedgerEntry): JsonObject => {
      const contact = book.contactRef(entry.contact_uuid) ?? { uuid: entry.contact_uuid, email: null, credit_balance: { balance: 0 } };
      const { title, reward, expires_at } = entry.fields;
      return { contact, created_at: entry.created_at, uuid: entry.uuid, title: title ?? null, reward: reward ?? null, expires_at: expires_at ?? null, has_been_collected: collected(entry) };
    };

    return {
      listCollectableRewards: ({ query }) => {
        const contact = String(query.contact_uuid);
        if (book.balance(contact) === undefined) return ctx.error("ContactNotFound");
        const waiting = book
          .entries({ contactUuid: contact, types: RECEPTION_TYPES })
          .filter((entry) => collectable(entry.uuid) !== undefined && !collected(entry))
          .reverse();
        return ctx.success("listCollectableRewards", waiting.map(view));
      },

      // 6003 for a uuid that names no reward reception; 80300 for one that cannot be collected (digital, reversed, or collected already).
      collectReward: ({ params }): Answer | Change => {
        const uuid = params.loyalty_transaction_uuid!;
        const entry = book.find(uuid);
        if (!entry || !RECEPTION_TYPES.includes(entry.type)) return ctx.error("RewardNotFound");
        if (!collectable(uuid) || collected(entry)) return ctx.error("RewardOrWebhookSubscriptionNotFound");
        const undo = book.amend(uuid, { has_been_collected: true });
        return { ...ctx.success("collectReward", { uuid: entry.uuid, status: "COLLECTED" }), undo };
      },

      // No error codes are documented here: an unknown uuid gets collect's 6003. Reversing a reward not collected changes nothing.
      reverseCollectableRewardRedemption: ({ params }): Answer | Change => {
        const uuid = params.collectable_reward_redemption_uuid!;
        const entry = collectable(uuid);
        if (!entry) return ctx.error("RewardNotFound");
        const answer = ctx.success("reverseCollectableRewardRedemption", { uuid: entry.uuid, status: "REVERSED" });
        if (!collected(entry)) return answer;
        return { ...answer, undo: book.amend(uuid, { has_been_collected: false }) };
      },
    };
  },
});
