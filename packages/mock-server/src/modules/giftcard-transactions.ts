// Giftcard transactions: a signed amount that moves a card's balance (positive tops up,
// negative pays), listed, read, reversed and corrected. The balance is the giftcards module's
// (`amount_in_cents` on the card), reached through the store; this module keeps the history.
import { randomUUID } from "node:crypto";
import type { Answer, Change } from "../answer.js";
import { componentRef, defineModule } from "../module.js";
import { isObject, type Json, type JsonObject } from "../spec.js";
import { giftcards, isExpired, isoSeconds, wholeNumber, type GiftcardState, type StoredGiftcard } from "./giftcards.js";
import { shops } from "./shops.js";

/** A transaction as the API answers it; `uuid`, `card.uuid` and `created_at` are required in the state. */
type StoredTransaction = JsonObject & { id: number; uuid: string; amount_in_cents: number; card: { id: number; uuid: string }; created_at: string };

interface TransactionState {
  /** In creation order: a card's last transaction is the last of its card here. */
  transactions: StoredTransaction[];
  byUuid: Map<string, StoredTransaction>;
  nextId: number;
}

const key = (uuid: string) => uuid.toLowerCase();

export const giftcardTransactions = defineModule<TransactionState>({
  name: "giftcard transactions",
  operations: ["listGiftcardTransactions", "createGiftcardTransaction", "getGiftcardTransaction", "reverseGiftcardTransaction", "correctGiftcardTransaction"],
  errors: [
    "GiftcardNotFound",
    "GiftcardNotValid",
    "GiftcardExpired",
    "InsufficientGiftcardAmount",
    "GiftcardCannotBeIncremented",
    "GiftcardMaxAmountExceeded",
    "GiftcardTransactionNotFound",
    "NotLastGiftcardTransaction",
    "ShopNotFound",
  ],
  stateSchema: {
    giftcardTransactions: {
      type: "array",
      items: {
        allOf: [
          componentRef("GiftcardTransaction"),
          {
            type: "object",
            required: ["id", "uuid", "amount_in_cents", "card", "created_at"],
            properties: {
              uuid: { type: "string", format: "uuid" },
              card: { type: "object", required: ["id", "uuid"], properties: { uuid: { type: "string", format: "uuid" } } },
              created_at: { type: "string", format: "date-time" },
            },
          },
        ],
      },
    },
  },

  // The transactions list example: the seeded card's top-up and payment (2500 - 1000 = its 1500).
  defaults(ctx) {
    const listed = ctx.successExamples("listGiftcardTransactions")[0]?.data;
    if (!Array.isArray(listed)) throw new Error("The spec lacks the listGiftcardTransactions example the default transactions are built from");
    return { giftcardTransactions: listed.filter((t) => isObject(t) && typeof t.uuid === "string") };
  },

  load(_ctx, part) {
    const transactions = part.giftcardTransactions as StoredTransaction[];
    const byUuid = new Map<string, StoredTransaction>();
    const ids = new Set<number>();
    transactions.forEach((transaction, index) => {
      if (byUuid.has(key(transaction.uuid))) throw new Error(`giftcardTransactions[${index}].uuid repeats ${transaction.uuid}`);
      if (ids.has(transaction.id)) throw new Error(`giftcardTransactions[${index}].id repeats ${transaction.id}`);
      byUuid.set(key(transaction.uuid), transaction);
      ids.add(transaction.id);
    });
    return { transactions, byUuid, nextId: Math.max(0, ...ids) + 1 };
  },

  dump: (state) => ({ giftcardTransactions: state.transactions as unknown as Json }),

  handlers(ctx, state, peer) {
    const cards: GiftcardState = peer(giftcards);
    const shopState = peer(shops);

    /** Why the card refuses to move by `amount`, or null when it may. */
    function refusal(card: StoredGiftcard, amount: number): Answer | null {
      if (!card.active) return ctx.error("GiftcardNotValid");
      if (isExpired(card)) return ctx.error("GiftcardExpired");
      const after = card.amount_in_cents + amount;
      if (after < 0) return ctx.error("InsufficientGiftcardAmount");
      if (amount > 0) {
        if (!card.upgradeable) return ctx.error("GiftcardCannotBeIncremented");
        const max = cards.programsByUuid.get(key(card.giftcard_program_uuid))?.max_amount_in_cents;
        if (typeof max === "number" && after > max) return ctx.error("GiftcardMaxAmountExceeded");
      }
      return null;
    }
    /** Moves the card's balance and records the transaction, in one step an `undo` takes back. */
    function record(operationId: string, card: StoredGiftcard, amount: number, shop: Json | undefined, extra: JsonObject = {}): Change {
      const nextIdBefore = state.nextId;
      const transaction: StoredTransaction = {
        id: state.nextId++,
        uuid: randomUUID(),
        amount_in_cents: amount,
        type: "STANDARD",
        settled: false,
        card: { id: card.id, uuid: card.uuid },
        ...(shop === undefined ? {} : { shop }),
        settlements: [],
        ...extra,
        created_at: isoSeconds(Date.now()),
      };
      card.amount_in_cents += amount;
      state.transactions.push(transaction);
      state.byUuid.set(key(transaction.uuid), transaction);
      const undo = () => {
        card.amount_in_cents -= amount;
        state.transactions.splice(state.transactions.indexOf(transaction), 1);
        state.byUuid.delete(key(transaction.uuid));
        state.nextId = nextIdBefore;
      };
      return { ...ctx.success(operationId, transaction), undo };
    }
    // Reverse (and correct, which the captures show doing the same): the opposite amount at the
    // same shop, only for the card's last transaction, checked like any other transaction.
    const reverse =
      (operationId: string) =>
      ({ params }: { params: Record<string, string> }): Answer | Change => {
        const original = state.byUuid.get(key(params.giftcard_transaction_uuid!));
        if (!original) return ctx.error("GiftcardTransactionNotFound");
        const card = cards.cards.get(key(original.card.uuid));
        if (!card) return ctx.error("GiftcardNotFound");
        const last = state.transactions.findLast((t) => key(t.card.uuid) === key(card.uuid));
        if (last !== original) return ctx.error("NotLastGiftcardTransaction");
        return refusal(card, -original.amount_in_cents) ?? record(operationId, card, -original.amount_in_cents, original.shop);
      };

    return {
      listGiftcardTransactions: ({ query }) => {
        const hash = typeof query.giftcard_hash === "string" ? query.giftcard_hash : undefined;
        const byHash = hash === undefined ? undefined : cards.byHash.get(hash);
        const programUuid = typeof query.giftcard_program_uuid === "string" ? key(query.giftcard_program_uuid) : undefined;
        const shopUuid = typeof query.shop_uuid === "string" ? key(query.shop_uuid) : undefined;
        const created = isObject(query.created_at) ? query.created_at : {};
        const bound = (name: string) => (typeof created[name] === "string" ? Date.parse(created[name] as string) : undefined);
        const [gt, gte, lt, lte] = [bound("gt"), bound("gte"), bound("lt"), bound("lte")];
        let all = state.transactions.filter((t) => {
          if (hash !== undefined && (!byHash || key(t.card.uuid) !== key(byHash.uuid))) return false;
          if (programUuid !== undefined && key(cards.cards.get(key(t.card.uuid))?.giftcard_program_uuid ?? "") !== programUuid) return false;
          if (shopUuid !== undefined && !(isObject(t.shop) && typeof t.shop.uuid === "string" && key(t.shop.uuid) === shopUuid)) return false;
          const at = Date.parse(t.created_at);
          return !((gt !== undefined && !(at > gt)) || (gte !== undefined && !(at >= gte)) || (lt !== undefined && !(at < lt)) || (lte !== undefined && !(at <= lte)));
        });
        // Oldest first unless `-created_at` is asked for; equal times keep creation order.
        if (query.sort === "-created_at") all = all.map((t, i) => ({ t, i })).sort((a, b) => Date.parse(b.t.created_at) - Date.parse(a.t.created_at) || b.i - a.i).map((x) => x.t);
        else all = all.map((t, i) => ({ t, i })).sort((a, b) => Date.parse(a.t.created_at) - Date.parse(b.t.created_at) || a.i - b.i).map((x) => x.t);
        const page = wholeNumber(query.page, 1);
        const limit = wholeNumber(query.perPage, 10);
        const items = all.slice((page - 1) * limit, page * limit);
        const from = items.length === 0 ? 0 : (page - 1) * limit + 1;
        const meta = { page, limit, viewing_from: from, viewing_to: items.length === 0 ? 0 : from + items.length - 1, last_page: Math.max(1, Math.ceil(all.length / limit)), total: all.length };
        return { status: 200, body: { data: items, meta } };
      },
      createGiftcardTransaction: ({ body }): Answer | Change => {
        const card = cards.cards.get(key(String(body!.giftcard_uuid)));
        if (!card) return ctx.error("GiftcardNotFound");
        const shop = shopState.shopsByUuid.get(key(String(body!.shop_uuid)));
        if (!shop) return ctx.error("ShopNotFound");
        const amount = body!.amount_in_cents as number;
        const shopRef: JsonObject = { ...(shop.id === undefined ? {} : { id: shop.id }), uuid: shop.uuid!, name: shop.name! };
        const extra: JsonObject = isObject(body!.custom_attributes) ? { custom_attributes: body!.custom_attributes } : {};
        return refusal(card, amount) ?? record("createGiftcardTransaction", card, amount, shopRef, extra);
      },
      getGiftcardTransaction: ({ params }) => {
        const transaction = state.byUuid.get(key(params.giftcard_transaction_uuid!));
        return transaction ? ctx.success("getGiftcardTransaction", transaction) : ctx.error("GiftcardTransactionNotFound");
      },
      reverseGiftcardTransaction: reverse("reverseGiftcardTransaction"),
      correctGiftcardTransaction: reverse("correctGiftcardTransaction"),
    };
  },
});
