// Rewards: the catalog contacts spend credits on, with what a claim checks (required credits,
// stock, the per-contact claim limit, the active flag). Listed, read and updated here; claimed
// by reward receptions (reward-receptions.ts), which decrease the stock and count the claims.
import type { Answer, Change, EmittedEvent } from "../answer.js";
import { componentRef, defineModule, type ModuleContext } from "../module.js";
import { isObject, type Json, type JsonObject } from "../spec.js";
import { ledger } from "./loyalty-transactions.js";
import { claimRefusal } from "./reward-receptions.js";

/**
 * The rewards the default state holds, fixed here so tests can name them. The first three are
 * the spec's `listRewards` example; `inactive` is the mock's own (no example shows one).
 */
export const seedRewards = {
  /** Jellyfish Net, digital, 25 credits, stock not tracked; claim limit 1 per contact (the mock's choice). */
  claimLimited: "6bfe1e50-b13a-49ab-85c9-98cd8b734da2",
  /** Krabby Patty, physical, 50 credits, stock 24 (the getReward example); no claim limit. The spec's example reward. */
  physical: "539483d0-fab4-40db-add5-2ec65ef12901",
  /** Krusty Krab Hat, physical, 150 credits, the last one in stock (stock 1, the mock's choice). */
  lastInStock: "31909cd8-a078-49a9-a7e1-aa95aa9e8c4d",
  /** Golden Spatula, physical, 500 credits, inactive: made up by the mock. */
  inactive: "7c1e9a2d-4b3f-4e6a-8d5c-2f1b0a9e8d7c",
} as const;

/**
 * A reward as the mock stores it: the Reward object in its fullest form (the keys of every
 * form the API answers with; `type` and `active` are derived, never stored) with the account's
 * reward attributes as extra keys, plus `claim_limit`, which the API never shows (1019 only).
 */
export interface StoredReward extends JsonObject {
  id: number;
  uuid: string;
  title: string;
  reward_type: string;
  is_active: boolean;
  description: string | null;
  required_credits: number;
  media: Json;
  cost_price: number | null;
  /** null: not tracked, never runs out. */
  stock: number | null;
  /** How often one contact may claim it (reversed claims do not count); null: no limit. */
  claim_limit: number | null;
}

/** The Reward keys the API defines; every other key of a stored reward is a reward attribute's value. */
const REWARD_KEYS = new Set([
  "id",
  "uuid",
  "title",
  "type",
  "reward_type",
  "is_active",
  "active",
  "description",
  "required_credits",
  "media",
  "pre_redeemable",
  "expiration_duration",
  "cost_price",
  "stock",
  "claim_limit",
]);

/** What the mock chooses where the spec's examples say nothing, by reward uuid. */
const CHOSEN: Record<string, Partial<StoredReward>> = {
  [seedRewards.claimLimited]: { claim_limit: 1 },
  [seedRewards.physical]: {},
  [seedRewards.lastInStock]: { stock: 1 },
};
const INACTIVE_REWARD: JsonObject = {
  uuid: seedRewards.inactive,
  title: "Golden Spatula",
  reward_type: "PHYSICAL",
  is_active: false,
  description: "Retired from the menu",
  required_credits: 500,
  media: null,
  pre_redeemable: false,
  expiration_duration: null,
  plu: null,
};

const key = (uuid: string) => uuid.toLowerCase();
const isPhysical = (reward: StoredReward) => reward.reward_type === "PHYSICAL";

function attributesOf(reward: StoredReward): JsonObject {
  return Object.fromEntries(Object.entries(reward).filter(([name]) => !REWARD_KEYS.has(name)));
}
function physicalKeys(reward: StoredReward): JsonObject {
  return isPhysical(reward) ? { pre_redeemable: reward.pre_redeemable ?? false, expiration_duration: reward.expiration_duration ?? null } : {};
}

/** The list's form: `type` repeats `reward_type`; no cost price or stock. */
export function listView(reward: StoredReward): JsonObject {
  const { id, uuid, title, reward_type, is_active, description, required_credits, media } = reward;
  return { id, uuid, title, type: reward_type, is_active, reward_type, description, required_credits, media, ...attributesOf(reward), ...physicalKeys(reward) };
}
/** Get and update's form: `active` repeats `is_active`; no `id` or `type`. */
export function detailView(reward: StoredReward): JsonObject {
  const { uuid, title, description, cost_price, required_credits, media, is_active, reward_type, stock } = reward;
  return { uuid, title, description, cost_price, required_credits, media, is_active, active: is_active, reward_type, stock, ...attributesOf(reward) };
}
/** The form reward receptions and collectable rewards embed. */
export function embeddedView(reward: StoredReward): JsonObject {
  const { id, uuid, title, description, reward_type, media, required_credits, is_active, cost_price, stock } = reward;
  return { id, uuid, title, description, reward_type, media, required_credits, ...physicalKeys(reward), is_active, cost_price, stock, ...attributesOf(reward) };
}

export interface RewardState {
  rewards: StoredReward[];
  byUuid: Map<string, StoredReward>;
}

/** A `reward_updated` event for a reward as it is now. */
export function rewardUpdated(reward: StoredReward): EmittedEvent {
  return { event: "reward_updated", data: { reward: detailView(reward) } };
}

function fromExamples(ctx: ModuleContext): StoredReward[] {
  const list = ctx.successExamples("listRewards")[0]?.data;
  if (!Array.isArray(list)) throw new Error("The spec lacks the listRewards example the default rewards are built from");
  // The get and reception examples add what the list leaves out (cost price, stock) for the rewards they show.
  const details = [ctx.successExamples("createRewardReception")[0]?.data, ctx.successExamples("getReward")[0]?.data]
    .map((d) => (isObject(d) && isObject(d.reward) ? d.reward : d))
    .filter(isObject);
  const rewards = list.filter(isObject).map((item) => {
    const more = details.filter((d) => d.uuid === item.uuid);
    const merged: JsonObject = { cost_price: null, stock: null, claim_limit: null, ...item, ...Object.assign({}, ...more) };
    delete merged.type;
    delete merged.active;
    return { ...merged, ...CHOSEN[String(item.uuid)] } as StoredReward;
  });
  for (const uuid of Object.keys(CHOSEN)) {
    if (!rewards.some((r) => r.uuid === uuid)) throw new Error(`The spec's listRewards example no longer holds the seeded reward ${uuid}`);
  }
  const highest = Math.max(0, ...rewards.map((r) => r.id));
  rewards.push({ id: highest + 1, cost_price: null, stock: null, claim_limit: null, ...INACTIVE_REWARD } as StoredReward);
  return rewards;
}

export const rewards = defineModule<RewardState>({
  name: "rewards",
  operations: ["listRewards", "getReward", "updateReward"],
  errors: ["RewardNotFound", "ShopNotFound", "ContactNotFound"],
  stateSchema: {
    rewards: {
      type: "array",
      items: {
        allOf: [
          componentRef("Reward"),
          {
            type: "object",
            required: ["id", "uuid", "title", "reward_type", "is_active", "required_credits", "stock", "claim_limit"],
            properties: {
              id: { type: "integer", minimum: 1 },
              title: { type: "string" },
              reward_type: { type: "string" },
              stock: { type: ["integer", "null"], minimum: 0 },
              claim_limit: { type: ["integer", "null"], minimum: 1 },
            },
          },
        ],
      },
    },
  },

  defaults: (ctx) => ({ rewards: fromExamples(ctx) as unknown as Json }),

  load(_ctx, part) {
    const byUuid = new Map<string, StoredReward>();
    const list = (part.rewards as JsonObject[]).map((given, index) => {
      const uuid = String(given.uuid);
      if (byUuid.has(key(uuid))) throw new Error(`rewards[${index}].uuid repeats ${uuid}`);
      // `type` and `active` are derived from `reward_type` and `is_active`; a seed copied from an answer may hold them.
      const { type: _type, active: _active, ...rest } = given;
      const reward = { description: null, media: null, cost_price: null, ...rest } as StoredReward;
      byUuid.set(key(uuid), reward);
      return reward;
    });
    return { rewards: list, byUuid };
  },

  dump: (state) => ({ rewards: state.rewards as unknown as Json }),

  handlers(ctx, state, peer) {
    const book = ledger(peer);
    const withReward = (uuid: string | undefined, answer: (reward: StoredReward) => Answer | Change): Answer | Change => {
      const reward = uuid === undefined ? undefined : state.byUuid.get(key(uuid));
      return reward ? answer(reward) : ctx.error("RewardNotFound");
    };
    return {
      // Rewards are not tied to shops in the mock: a known shop lists them all.
      listRewards: ({ query }) => {
        if (typeof query.shop_uuid === "string" && !book.shop(query.shop_uuid)) return ctx.error("ShopNotFound");
        let list = state.rewards;
        if (typeof query.contact_uuid === "string") {
          const contact = query.contact_uuid;
          if (book.balance(contact) === undefined) return ctx.error("ContactNotFound");
          list = list.filter((reward) => claimRefusal(book, reward, contact) === undefined);
        }
        return ctx.success("listRewards", list.map(listView));
      },
      getReward: ({ params }) => withReward(params.reward_uuid, (reward) => ctx.success("getReward", detailView(reward))),
      updateReward: ({ params, body }) =>
        withReward(params.reward_uuid, (reward): Change => {
          const before = { ...reward };
          for (const [name, value] of Object.entries(body ?? {})) {
            // The three documented fields, and attribute values; the other Reward keys (stock, is_active, ...) are not updatable.
            if (name === "title" || name === "description" || name === "required_credits" || !REWARD_KEYS.has(name)) reward[name] = value;
          }
          const undo = () => {
            for (const name of Object.keys(reward)) if (!(name in before)) delete reward[name];
            Object.assign(reward, before);
          };
          return { ...ctx.success("updateReward", detailView(reward)), undo, events: [rewardUpdated(reward)] };
        }),
    };
  },
});
