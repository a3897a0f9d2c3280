// The loyalty ledger: every credit movement of every contact (credit receptions, reward
// receptions, reversals, order credits...), newest first in the loyalty transactions list.
// The balance a movement changes is the contacts module's `credit_balance`, never a copy, so
// getContact and getContactCreditBalance always agree with the ledger. Other modules post
// through `ledger(peer)` rather than touching the entries or the balance themselves.
import { randomUUID } from "node:crypto";
import type { Answer } from "../answer.js";
import { defineModule, type PeerState } from "../module.js";
import { isObject, type Json, type JsonObject } from "../spec.js";
import { contactTiers } from "./contact-tiers.js";
import { contactProfile, contacts } from "./contacts.js";
import { shops } from "./shops.js";
import { units, type StoredUnit } from "./units.js";

/** One movement, as the mock stores it: the item the API shows, with its contact and shop by uuid. */
export interface LedgerEntry {
  uuid: string;
  /** The item's `type`: `credit_reception`, `reward_reception`, `digital_reward_reception`, ... */
  type: string;
  contact_uuid: string;
  shop_uuid: string | null;
  /** Signed: positive when credits were given, negative when taken (a reward, a reversal, a refund). */
  credits: number;
  created_at: string;
  /** The entry this one reverses, or null. */
  reversal_of: string | null;
  /** The item's other keys as the API shows them (`unit`, `unit_value`, `reward`, attribute values, ...). */
  fields: JsonObject;
}

/** What a caller gives to post a movement; uuid and created_at are made when left out. */
export interface NewEntry {
  type: string;
  shop_uuid?: string | null;
  fields?: JsonObject;
  reversal_of?: string | null;
  uuid?: string;
  created_at?: string;
}

/** A movement made: the entry, the balance after it, and how to take it back exactly. */
export interface Posting {
  ok: true;
  entry: LedgerEntry;
  balance: number;
  undo(): void;
}

/** A movement refused, nothing changed; `error` is an `x-enum-varnames` name for `ctx.error`. */
export interface Refusal {
  ok: false;
  error: "ContactNotFound" | "InsufficientCredits" | "MaximumCreditsReached";
  /** The contact's balance, null for an unknown contact. */
  balance: number | null;
}

export interface LedgerFilter {
  contactUuid?: string;
  shopUuid?: string;
  /** Item types to keep (`credit_reception`, ...); all when absent. */
  types?: readonly string[];
}

export interface Ledger {
  /** The contact's credit balance (the contacts module's), undefined for an unknown contact. */
  balance(contactUuid: string): number | undefined;
  /** Adds `credits` (>= 0). Refused when the balance would pass the program's `max_amount`. */
  credit(contactUuid: string, credits: number, entry: NewEntry): Posting | Refusal;
  /** Takes `credits` (>= 0; stored as negative). Refused when the balance would go below zero. */
  debit(contactUuid: string, credits: number, entry: NewEntry): Posting | Refusal;
  /** Signed: credit for a positive `delta` (and 0), debit for a negative one. */
  post(contactUuid: string, delta: number, entry: NewEntry): Posting | Refusal;
  /** Entries newest first, filtered. */
  entries(filter?: LedgerFilter): LedgerEntry[];
  find(uuid: string): LedgerEntry | undefined;
  /** The entry that reversed this one, if any. */
  reversalOf(uuid: string): LedgerEntry | undefined;
  /** Merges `fields` into an entry's fields (marking a reward collected, say); returns the undo. */
  amend(uuid: string, fields: JsonObject): () => void;
  /** The entry as the API shows it: its contact with the balance now, its shop in full. */
  view(entry: LedgerEntry): JsonObject;
  /** A contact as receptions embed it (`ContactBalanceRef`), undefined for an unknown contact. */
  contactRef(contactUuid: string): JsonObject | undefined;
  /** A shop of the shops module, undefined for an unknown one. */
  shop(shopUuid: string): JsonObject | undefined;
  /** The unit named, or the default unit; refused as the API refuses it. */
  unit(unitName?: string): { ok: true; unit: StoredUnit } | { ok: false; error: "UnitNotFound" | "NoDefaultUnitFound" };
}

/** The `channel` of what the mock records: Leat's name for the OAuth API among contact channels. */
export const OAUTH_CHANNEL = "OAUTH_API";

/**
 * The mock's loyalty rule, for every unit: one credit per whole unit, rounded toward zero
 * (€41.16 gives 41 credits, a €6.75 return takes 6). Leat's rules are per program and not
 * documented; this is the rule the spec's examples follow. Credit receptions, calculateCredits
 * and orders all use it.
 */
export function creditsFor(unitValue: number, _unit?: StoredUnit): number {
  return Math.trunc(unitValue) + 0; // + 0 turns -0 into 0
}

/** Leat's timestamp style on loyalty transactions: `2023-11-06T09:12:32+00:00`. */
export function ledgerTimestamp(epochMs = Date.now()): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}+00:00`;
}

export interface LedgerState {
  /** In posting order (oldest first). */
  entries: LedgerEntry[];
  byUuid: Map<string, LedgerEntry>;
  /** Reversed entry's uuid -> the reversal. */
  reversals: Map<string, LedgerEntry>;
}

const key = (uuid: string) => uuid.toLowerCase();
// The list's `type` filter is plural; items say the singular (and Leat's SDK adds digital rewards).
const TYPE_FILTER: Record<string, readonly string[]> = {
  credit_receptions: ["credit_reception"],
  reward_receptions: ["reward_reception", "digital_reward_reception"],
};

function index(state: LedgerState, entry: LedgerEntry): void {
  state.byUuid.set(key(entry.uuid), entry);
  if (entry.reversal_of !== null) state.reversals.set(key(entry.reversal_of), entry);
}
function unindex(state: LedgerState, entry: LedgerEntry): void {
  state.byUuid.delete(key(entry.uuid));
  if (entry.reversal_of !== null && state.reversals.get(key(entry.reversal_of)) === entry) state.reversals.delete(key(entry.reversal_of));
}

/** The API item's keys the entry holds outside `fields`, or renders live. */
const OWN_KEYS = new Set(["uuid", "type", "credits", "created_at", "contact", "shop"]);

/** The ledger of one load of the store, for any module's handlers (`ledger(peer)`). */
export function ledger(peer: PeerState): Ledger {
  const state = peer(loyaltyTransactions);
  const tiers = peer(contactTiers);
  const shopState = peer(shops);
  const unitState = peer(units);
  const profiles = peer(contacts);

  const profileOf = (uuid: string) => contactProfile(tiers, profiles, uuid);

  // A caller's mistake, not a client's: loud rather than a quiet sign flip.
  function amount(credits: number): number {
    if (!Number.isSafeInteger(credits) || credits < 0) throw new RangeError(`ledger: credit and debit take a whole number >= 0, not ${credits}`);
    return credits;
  }

  function post(contactUuid: string, delta: number, input: NewEntry): Posting | Refusal {
    if (!Number.isSafeInteger(delta)) throw new RangeError(`ledger: credits must be a whole number, not ${delta}`);
    const profile = profileOf(contactUuid);
    if (!profile) return { ok: false, error: "ContactNotFound", balance: null };
    const before = profile.credit_balance;
    const after = before + delta;
    if (delta < 0 && after < 0) return { ok: false, error: "InsufficientCredits", balance: before };
    const max = shopState.loyaltyProgram.max_amount;
    if (delta > 0 && typeof max === "number" && after > max) return { ok: false, error: "MaximumCreditsReached", balance: before };
    const entry: LedgerEntry = {
      uuid: input.uuid ?? randomUUID(),
      type: input.type,
      contact_uuid: profile.uuid,
      shop_uuid: input.shop_uuid ?? null,
      credits: delta,
      created_at: input.created_at ?? ledgerTimestamp(),
      reversal_of: input.reversal_of ?? null,
      fields: input.fields ?? {},
    };
    profile.credit_balance = after;
    state.entries.push(entry);
    index(state, entry);
    const undo = () => {
      profile.credit_balance -= delta;
      const at = state.entries.lastIndexOf(entry);
      if (at >= 0) state.entries.splice(at, 1);
      unindex(state, entry);
    };
    return { ok: true, entry, balance: after, undo };
  }

  function contactRef(contactUuid: string): JsonObject | undefined {
    const profile = profileOf(contactUuid);
    return profile && { uuid: profile.uuid, email: profile.email, credit_balance: { balance: profile.credit_balance } };
  }
  const shopOf = (shopUuid: string) => shopState.shopsByUuid.get(key(shopUuid));

  return {
    balance: (contactUuid) => profileOf(contactUuid)?.credit_balance,
    credit: (contactUuid, credits, entry) => post(contactUuid, amount(credits), entry),
    debit: (contactUuid, credits, entry) => post(contactUuid, -amount(credits), entry),
    post,
    entries(filter = {}) {
      const contact = filter.contactUuid && key(filter.contactUuid);
      const shop = filter.shopUuid && key(filter.shopUuid);
      const out: LedgerEntry[] = [];
      for (let i = state.entries.length - 1; i >= 0; i--) {
        const entry = state.entries[i]!;
        if (contact && key(entry.contact_uuid) !== contact) continue;
        if (shop && (entry.shop_uuid === null || key(entry.shop_uuid) !== shop)) continue;
        if (filter.types && !filter.types.includes(entry.type)) continue;
        out.push(entry);
      }
      return out;
    },
    find: (uuid) => state.byUuid.get(key(uuid)),
    reversalOf: (uuid) => state.reversals.get(key(uuid)),
    amend(uuid, fields) {
      const entry = state.byUuid.get(key(uuid));
      if (!entry) throw new Error(`ledger: no entry ${uuid} to amend`);
      const before = entry.fields;
      entry.fields = { ...before, ...fields };
      return () => void (entry.fields = before);
    },
    view(entry) {
      const contact = contactRef(entry.contact_uuid) ?? { uuid: entry.contact_uuid, email: null, credit_balance: { balance: 0 } };
      const shop = entry.shop_uuid === null ? null : (shopOf(entry.shop_uuid) ?? { uuid: entry.shop_uuid });
      // No example shows `channel`, but Leat's PHP SDK reads it from every reception (a real
      // answer carries it); what the mock records arrived through the OAuth API.
      return { type: entry.type, uuid: entry.uuid, credits: entry.credits, created_at: entry.created_at, channel: OAUTH_CHANNEL, ...entry.fields, contact, ...(shop ? { shop } : {}) };
    },
    contactRef,
    shop: shopOf,
    unit(unitName) {
      if (unitName === undefined) {
        const unit = unitState.defaults[0];
        return unit ? { ok: true, unit } : { ok: false, error: "NoDefaultUnitFound" };
      }
      const unit = unitState.byName.get(unitName);
      return unit ? { ok: true, unit } : { ok: false, error: "UnitNotFound" };
    },
  };
}

/** The entry stored for an item of the spec's examples (or a seed written as the API shows items). */
function entryFromItem(item: JsonObject): LedgerEntry {
  const contact = isObject(item.contact) ? item.contact : {};
  const shop = isObject(item.shop) ? item.shop : {};
  return {
    uuid: String(item.uuid),
    type: String(item.type),
    contact_uuid: String(contact.uuid),
    shop_uuid: typeof shop.uuid === "string" ? shop.uuid : null,
    credits: typeof item.credits === "number" ? item.credits : 0,
    created_at: typeof item.created_at === "string" ? item.created_at : ledgerTimestamp(0),
    reversal_of: null,
    fields: Object.fromEntries(Object.entries(item).filter(([name]) => !OWN_KEYS.has(name))),
  };
}

export const loyaltyTransactions = defineModule<LedgerState>({
  name: "loyalty transactions",
  operations: ["listLoyaltyTransactions"],
  errors: ["InvalidInput", "ContactNotFound", "ShopNotFound"],
  stateSchema: {
    loyaltyTransactions: {
      type: "array",
      items: {
        type: "object",
        required: ["uuid", "type", "contact_uuid", "shop_uuid", "credits", "created_at", "reversal_of", "fields"],
        additionalProperties: false,
        properties: {
          uuid: { type: "string", format: "uuid" },
          type: { type: "string", minLength: 1 },
          contact_uuid: { type: "string", format: "uuid" },
          shop_uuid: { type: ["string", "null"], format: "uuid" },
          credits: { type: "integer" },
          created_at: { type: "string" },
          reversal_of: { type: ["string", "null"], format: "uuid" },
          fields: { type: "object" },
        },
      },
    },
  },

  defaults(ctx) {
    // The list example is newest first; the ledger holds posting order.
    const list = ctx.successExamples("listLoyaltyTransactions")[0]?.data;
    if (!Array.isArray(list)) throw new Error("The spec lacks the listLoyaltyTransactions example the default ledger is built from");
    return { loyaltyTransactions: list.filter(isObject).map(entryFromItem).reverse() as unknown as Json };
  },

  load(_ctx, part) {
    const state: LedgerState = { entries: [], byUuid: new Map(), reversals: new Map() };
    (part.loyaltyTransactions as unknown as LedgerEntry[]).forEach((entry, at) => {
      if (state.byUuid.has(key(entry.uuid))) throw new Error(`loyaltyTransactions[${at}].uuid repeats ${entry.uuid}`);
      if (entry.reversal_of !== null) {
        if (!state.byUuid.has(key(entry.reversal_of))) throw new Error(`loyaltyTransactions[${at}].reversal_of ${entry.reversal_of} names no earlier entry`);
        if (state.reversals.has(key(entry.reversal_of))) throw new Error(`loyaltyTransactions[${at}].reversal_of ${entry.reversal_of} is reversed twice`);
      }
      state.entries.push(entry);
      index(state, entry);
    });
    return state;
  },

  dump: (state) => ({ loyaltyTransactions: state.entries as unknown as Json }),

  handlers(ctx, _state, peer) {
    const book = ledger(peer);
    return {
      listLoyaltyTransactions: ({ query }): Answer => {
        const contactUuid = typeof query.contact_uuid === "string" ? query.contact_uuid : undefined;
        const shopUuid = typeof query.shop_uuid === "string" ? query.shop_uuid : undefined;
        if (contactUuid !== undefined && book.balance(contactUuid) === undefined) return ctx.error("ContactNotFound");
        if (shopUuid !== undefined && !book.shop(shopUuid)) return ctx.error("ShopNotFound");
        const types = typeof query.type === "string" ? TYPE_FILTER[query.type] : undefined;
        let found = book.entries({ contactUuid, shopUuid, types });
        const bounds = isObject(query.created_at) ? query.created_at : {};
        for (const [op, test] of Object.entries(BOUND_TESTS)) {
          const bound = bounds[op];
          if (typeof bound !== "string") continue;
          const at = Date.parse(bound);
          if (Number.isNaN(at)) return ctx.error("InvalidInput", { [`created_at[${op}]`]: [`The created at[${op}] must be a valid date.`] });
          found = found.filter((entry) => test(Date.parse(entry.created_at.replace(" ", "T")), at));
        }
        if (query.sort === "created_at") found.reverse();
        const limit = Number(query.limit ?? 10);
        const page = Number(query.page ?? 1);
        const total = found.length;
        const items = found.slice((page - 1) * limit, page * limit);
        const from = items.length === 0 ? 0 : (page - 1) * limit + 1;
        const meta = { page, limit, viewing_from: from, viewing_to: items.length === 0 ? 0 : from + items.length - 1, last_page: Math.max(1, Math.ceil(total / limit)), total };
        return { status: 200, body: { data: items.map((entry) => book.view(entry)), meta } };
      },
    };
  },
});

const BOUND_TESTS: Record<string, (value: number, bound: number) => boolean> = {
  gt: (v, b) => v > b,
  gte: (v, b) => v >= b,
  lt: (v, b) => v < b,
  lte: (v, b) => v <= b,
};

