// Reward receptions: a contact claims a reward at a shop. The claim is checked (contact, shop,
// reward, active, stock, claim limit, balance) and made in one synchronous step: the credits
// leave the balance through the ledger (so the reception is a loyalty transaction), and the
// stock goes down. Reversing one gives the credits back (a credit reception) and the stock.
//
// A reception is the ledger's entry, never a copy: this module keeps no state. Its reward is
// the entry's `reward` field (the reward as it was claimed), its claims are the contact's
// reward reception entries for that reward that were not reversed.
import type { Answer, Change, EmittedEvent } from "../answer.js";
import { defineModule, NO_STATE } from "../module.js";
import { isObject, type JsonObject } from "../spec.js";
import { createdEvent, embeddedUnit } from "./credit-receptions.js";
import { type Ledger, type LedgerEntry, ledger, ledgerTimestamp } from "./loyalty-transactions.js";
import { embeddedView, rewardUpdated, rewards, type StoredReward } from "./rewards.js";

/** The ledger entry types that are reward receptions (Leat's SDK knows the digital kind too). */
export const RECEPTION_TYPES: readonly string[] = ["reward_reception", "digital_reward_reception"];

const key = (uuid: string) => uuid.toLowerCase();

/** The reward uuid a reception entry claimed, undefined for another kind of entry. */
export function rewardUuidOf(entry: LedgerEntry): string | undefined {
  if (!RECEPTION_TYPES.includes(entry.type)) return undefined;
  const reward = entry.fields.reward;
  return isObject(reward) && typeof reward.uuid === "string" ? reward.uuid : undefined;
}

/** The reward reception entry of that uuid, not reversed; undefined otherwise. */
export function standingReception(book: Ledger, uuid: string): LedgerEntry | undefined {
  const entry = book.find(uuid);
  return entry && rewardUuidOf(entry) !== undefined && book.reversalOf(entry.uuid) === undefined ? entry : undefined;
}

/** How often the contact claimed the reward, reversed claims left out. */
function claims(book: Ledger, contact: string, reward: StoredReward): number {
  let count = 0;
  for (const entry of book.entries({ contactUuid: contact, types: RECEPTION_TYPES })) {
    const claimed = rewardUuidOf(entry);
    if (claimed !== undefined && key(claimed) === key(reward.uuid) && book.reversalOf(entry.uuid) === undefined) count += 1;
  }
  return count;
}

/**
 * Why a known contact cannot claim `reward` now (an ErrorCode `x-enum-varnames` name), or
 * undefined when it can. The order is the mock's choice: inactive, stock, claim limit, credits.
 */
export function claimRefusal(book: Ledger, reward: StoredReward, contact: string): string | undefined {
  if (!reward.is_active) return "RewardInactive";
  if (reward.stock !== null && reward.stock <= 0) return "RewardOutOfStock";
  if (reward.claim_limit !== null && claims(book, contact, reward) >= reward.claim_limit) return "RewardClaimLimitReached";
  if ((book.balance(contact) ?? 0) < reward.required_credits) return "InsufficientCredits";
  return undefined;
}

export const rewardReceptions = defineModule<null>({
  name: "reward receptions",
  operations: ["createRewardReception", "reverseRewardReception"],
  errors: ["InvalidInput", "ContactNotFound", "ShopNotFound", "RewardNotFound", "InsufficientCredits", "RewardOutOfStock", "RewardClaimLimitReached", "RewardInactive"],
  ...NO_STATE,

  handlers(ctx, _state, peer) {
    const book = ledger(peer);
    const catalog = peer(rewards);
    const invalid = (message: string) => ctx.error("InvalidInput", { reward_reception_uuid: [message] });

    return {
      createRewardReception: ({ body }): Answer | Change => {
        const contact = String(body!.contact_uuid);
        const shop = String(body!.shop_uuid);
        if (book.balance(contact) === undefined) return ctx.error("ContactNotFound");
        if (!book.shop(shop)) return ctx.error("ShopNotFound");
        const reward = catalog.byUuid.get(key(String(body!.reward_uuid)));
        if (!reward) return ctx.error("RewardNotFound");
        const refusal = claimRefusal(book, reward, contact);
        if (refusal) return ctx.error(refusal);

        const stockBefore = reward.stock;
        if (reward.stock !== null) reward.stock -= 1;
        const now = Date.now();
        const duration = reward.reward_type === "PHYSICAL" && typeof reward.expiration_duration === "number" ? reward.expiration_duration : null;
        const posting = book.debit(contact, reward.required_credits, {
          type: "reward_reception",
          shop_uuid: shop,
          created_at: ledgerTimestamp(now),
          fields: {
            title: reward.title,
            contact_identifier: null,
            // The reward as claimed, its stock already taken (as the spec's example shows it).
            reward: embeddedView(reward),
            expires_at: duration === null ? null : ledgerTimestamp(now + duration * 1000),
            has_been_collected: false,
          },
        });
        if (!posting.ok) {
          reward.stock = stockBefore;
          return ctx.error(posting.error);
        }
        const undo = () => {
          posting.undo();
          reward.stock = stockBefore;
        };
        const events: EmittedEvent[] = stockBefore === null ? [] : [rewardUpdated(reward)];
        return { ...ctx.success("createRewardReception", book.view(posting.entry)), undo, events };
      },

      reverseRewardReception: ({ params }): Answer | Change => {
        const entry = book.find(params.reward_reception_uuid!);
        const rewardUuid = entry && rewardUuidOf(entry);
        if (!entry || rewardUuid === undefined) return invalid("The selected reward reception uuid is invalid.");
        if (book.reversalOf(entry.uuid)) return invalid("The reward reception has already been reversed.");
        const unit = book.unit();
        const fields: JsonObject = { contact_identifier: null, unit_value: null };
        if (unit.ok) fields.unit = embeddedUnit(unit.unit);
        const posting = book.credit(entry.contact_uuid, -entry.credits, { type: "credit_reception", shop_uuid: entry.shop_uuid, reversal_of: entry.uuid, fields });
        if (!posting.ok) return ctx.error(posting.error);
        // The stock comes back too: the docs leave it open, and a cancelled order gives the reward back.
        const reward = catalog.byUuid.get(key(rewardUuid));
        const restock = reward !== undefined && reward.stock !== null;
        if (restock) reward.stock! += 1;
        const undo = () => {
          posting.undo();
          if (restock) reward.stock! -= 1;
        };
        // The credits come back as a credit reception, which Leat announces like any other.
        const events: EmittedEvent[] = [...createdEvent(posting.entry), ...(restock ? [rewardUpdated(reward)] : [])];
        return { ...ctx.success("reverseRewardReception", book.view(posting.entry)), undo, events };
      },
    };
  },
});
