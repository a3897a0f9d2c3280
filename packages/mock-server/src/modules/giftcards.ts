// Giftcard programs and giftcards: programs listed, cards listed, found by hash, read, issued
// and "sent" by email (answered, no mail goes out). A card's balance is held here, on the card;
// the giftcard transactions module moves it through the store, so it is never held twice.
import { randomUUID } from "node:crypto";
import type { Answer, Change } from "../answer.js";
import { componentRef, defineModule, type ModuleContext } from "../module.js";
import { isObject, type Json, type JsonObject } from "../spec.js";
import { euros } from "./contacts.js";

/**
 * The cards the default state holds. `withTransactions` and `withoutTransactions` are the
 * `listGiftcards` example's cards (the first is every giftcard example's card, with the
 * history of the transactions list example); `expired` is made up, with the expiration date
 * the examples give, so a 5002 can be asked for.
 */
export const seedGiftcards = {
  withTransactions: "5b3dab1c-bdde-4313-a74d-67de815c751c",
  withoutTransactions: "3a112128-0bf9-43c1-a154-e782a6ad9659",
  expired: "e0d5a0b4-7c1f-4b6e-9a3d-2f8c1e5b7a90",
} as const;

/** The programs of the `listGiftcardPrograms` example: one with a maximum balance per card, one without. */
export const seedGiftcardPrograms = {
  capped: "8fb59dcf-fb5b-4cee-88d8-35e361e55a12",
  uncapped: "a203bee9-2523-4a19-8b7e-2d282d272b6f",
} as const;

export interface StoredGiftcard {
  id: number;
  uuid: string;
  type: "DIGITAL" | "PHYSICAL";
  hash: string;
  /** ISO 8601; null when the card does not expire. */
  expiration_date: string | null;
  active: boolean;
  /** Whether it may be topped up (a positive transaction). */
  upgradeable: boolean;
  /** The balance; never negative. */
  amount_in_cents: number;
  giftcard_program_uuid: string;
}

export interface GiftcardState {
  /** In the seed's order; `card_count` is not stored: it is counted from the cards. */
  programs: JsonObject[];
  programsByUuid: Map<string, JsonObject>;
  /** By lower-case uuid, in creation order. */
  cards: Map<string, StoredGiftcard>;
  byHash: Map<string, StoredGiftcard>;
  nextId: number;
}

const key = (uuid: string) => uuid.toLowerCase();

/** Whether a card's expiration date has passed. */
export const isExpired = (card: StoredGiftcard, now = Date.now()) => card.expiration_date !== null && Date.parse(card.expiration_date) <= now;

/** A validated page or size parameter (a number, or its digits when the engine left it as text), or its default. */
export const wholeNumber = (value: Json | undefined, fallback: number) =>
  typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : fallback;

// The examples' date-time form: ISO 8601, seconds, `+00:00`.
export const isoSeconds = (epochMs: number) => `${new Date(epochMs).toISOString().slice(0, 19)}+00:00`;

function defaultCards(ctx: ModuleContext): StoredGiftcard[] {
  const listed = ctx.successExamples("listGiftcards")[0]?.data;
  const full = ctx.successExamples("getGiftcard").map((e) => e.data);
  if (!Array.isArray(listed)) throw new Error("The spec lacks the listGiftcards example the default giftcards are built from");
  const cards: StoredGiftcard[] = [];
  let nextId = Math.max(0, ...full.map((f) => (isObject(f) && typeof f.id === "number" ? f.id : 0))) + 1;
  let exampleDate: string | null = null;
  for (const item of listed) {
    if (!isObject(item) || typeof item.uuid !== "string" || !isObject(item.giftcard_program)) continue;
    const detail = full.find((f) => isObject(f) && f.uuid === item.uuid) as JsonObject | undefined;
    if (typeof item.expiration_date === "string") exampleDate ??= item.expiration_date;
    cards.push({
      id: typeof detail?.id === "number" ? detail.id : nextId++,
      uuid: item.uuid,
      type: item.type === "PHYSICAL" ? "PHYSICAL" : "DIGITAL",
      hash: String(item.hash),
      // The examples' expiration date (December 2024) has passed, and a card past it refuses
      // every transaction (5002): the example cards are seeded without one, so the request
      // examples work as written; the `expired` card keeps it.
      expiration_date: null,
      active: item.active !== false,
      upgradeable: item.upgradeable !== false,
      amount_in_cents: Number(item.amount_in_cents),
      giftcard_program_uuid: String(item.giftcard_program.uuid),
    });
  }
  for (const uuid of [seedGiftcards.withTransactions, seedGiftcards.withoutTransactions]) {
    if (!cards.some((c) => c.uuid === uuid)) throw new Error(`The spec's listGiftcards example no longer holds the seeded giftcard ${uuid}`);
  }
  const model = cards[0]!;
  const id = nextId++;
  cards.push({ ...model, id, uuid: seedGiftcards.expired, hash: String(id), expiration_date: exampleDate ?? "2024-12-10T16:26:20+00:00" });
  return cards;
}

export const giftcards = defineModule<GiftcardState>({
  name: "giftcards",
  operations: ["listGiftcardPrograms", "listGiftcards", "createGiftcard", "findGiftcardByHash", "getGiftcard", "sendGiftcardByEmail"],
  errors: ["GiftcardNotFound", "GiftcardProgramNotFound", "OnlyDigitalGiftcards"],
  stateSchema: {
    giftcardPrograms: {
      type: "array",
      items: { allOf: [componentRef("GiftcardProgram"), { type: "object", required: ["uuid", "name"], properties: { uuid: { type: "string", format: "uuid" } } }] },
    },
    giftcards: {
      type: "array",
      items: {
        type: "object",
        required: ["id", "uuid", "type", "hash", "expiration_date", "active", "upgradeable", "amount_in_cents", "giftcard_program_uuid"],
        additionalProperties: false,
        properties: {
          id: { type: "integer", minimum: 1 },
          uuid: { type: "string", format: "uuid" },
          type: { enum: ["DIGITAL", "PHYSICAL"] },
          hash: { type: "string", minLength: 1 },
          expiration_date: { type: ["string", "null"], format: "date-time" },
          active: { type: "boolean" },
          upgradeable: { type: "boolean" },
          amount_in_cents: { type: "integer", minimum: 0 },
          giftcard_program_uuid: { type: "string", format: "uuid" },
        },
      },
    },
  },

  defaults(ctx) {
    const programs = ctx.successExamples("listGiftcardPrograms")[0]?.data;
    if (!Array.isArray(programs)) throw new Error("The spec lacks the listGiftcardPrograms example the default programs are built from");
    const stored = programs.filter(isObject).map(({ card_count: _counted, ...program }) => program);
    return { giftcardPrograms: stored, giftcards: defaultCards(ctx) as unknown as Json };
  },

  load(_ctx, part) {
    const programs = (part.giftcardPrograms as JsonObject[]).map(({ card_count: _counted, ...program }) => program);
    const programsByUuid = new Map<string, JsonObject>();
    programs.forEach((program, index) => {
      const uuid = key(String(program.uuid));
      if (programsByUuid.has(uuid)) throw new Error(`giftcardPrograms[${index}].uuid repeats ${String(program.uuid)}`);
      programsByUuid.set(uuid, program);
    });
    const cards = new Map<string, StoredGiftcard>();
    const byHash = new Map<string, StoredGiftcard>();
    const ids = new Set<number>();
    (part.giftcards as unknown as StoredGiftcard[]).forEach((card, index) => {
      if (cards.has(key(card.uuid))) throw new Error(`giftcards[${index}].uuid repeats ${card.uuid}`);
      if (byHash.has(card.hash)) throw new Error(`giftcards[${index}].hash repeats ${card.hash}`);
      if (ids.has(card.id)) throw new Error(`giftcards[${index}].id repeats ${card.id}`);
      if (!programsByUuid.has(key(card.giftcard_program_uuid))) throw new Error(`giftcards[${index}].giftcard_program_uuid ${card.giftcard_program_uuid} matches no giftcard program's uuid`);
      cards.set(key(card.uuid), card);
      byHash.set(card.hash, card);
      ids.add(card.id);
    });
    return { programs, programsByUuid, cards, byHash, nextId: Math.max(0, ...ids) + 1 };
  },

  dump: (state) => ({ giftcardPrograms: state.programs, giftcards: [...state.cards.values()] as unknown as Json }),

  handlers(ctx, state) {
    const programOf = (card: StoredGiftcard) => state.programsByUuid.get(key(card.giftcard_program_uuid))!;
    const listView = (card: StoredGiftcard): JsonObject => ({
      uuid: card.uuid,
      type: card.type,
      hash: card.hash,
      expiration_date: card.expiration_date,
      active: card.active,
      upgradeable: card.upgradeable,
      amount_in_cents: card.amount_in_cents,
      giftcard_program: { uuid: card.giftcard_program_uuid, name: programOf(card).name! },
    });
    // The fields get, find and create answer with (the create example's set).
    function view(card: StoredGiftcard): JsonObject {
      const program = programOf(card);
      const embedded: JsonObject = {};
      for (const field of ["id", "name", "uuid", "max_amount_in_cents", "calculator_flow", "expiration_days"]) {
        if (program[field] !== undefined) embedded[field] = program[field]!;
      }
      return {
        id: card.id,
        ...listView(card),
        amount: card.amount_in_cents / 100,
        display_amount: euros(card.amount_in_cents),
        url: `https://leat.com/giftcard-balance?hash=${encodeURIComponent(card.hash)}`,
        formatted_expiration_date: card.expiration_date === null ? null : card.expiration_date.slice(0, 10),
        giftcard_program: embedded,
        giftcard_recipients: [],
      };
    }
    const withCard = (card: StoredGiftcard | undefined, answer: (card: StoredGiftcard) => Answer): Answer => (card ? answer(card) : ctx.error("GiftcardNotFound"));
    const sent = ctx.successExamples("sendGiftcardByEmail")[0]?.data ?? null;

    return {
      listGiftcardPrograms: () => {
        const counts = new Map<string, number>();
        for (const card of state.cards.values()) counts.set(key(card.giftcard_program_uuid), (counts.get(key(card.giftcard_program_uuid)) ?? 0) + 1);
        return ctx.success(
          "listGiftcardPrograms",
          state.programs.map((program) => ({ ...program, card_count: counts.get(key(String(program.uuid))) ?? 0 })),
        );
      },
      listGiftcards: ({ query }) => {
        const programUuid = typeof query.giftcard_program_uuid === "string" ? query.giftcard_program_uuid : undefined;
        if (programUuid !== undefined && !state.programsByUuid.has(key(programUuid))) return ctx.error("GiftcardProgramNotFound");
        const all = [...state.cards.values()].filter((card) => programUuid === undefined || key(card.giftcard_program_uuid) === key(programUuid));
        const page = wholeNumber(query.page, 1);
        const perPage = wholeNumber(query.limit, 30);
        const items = all.slice((page - 1) * perPage, page * perPage).map(listView);
        const meta = { page, per_page: perPage, last_page: Math.max(1, Math.ceil(all.length / perPage)), total: all.length };
        return { status: 200, body: { data: items, meta } };
      },
      createGiftcard: ({ body }): Answer | Change => {
        if (body!.type !== 1) return ctx.error("OnlyDigitalGiftcards");
        const program = state.programsByUuid.get(key(String(body!.giftcard_program_uuid)));
        if (!program) return ctx.error("GiftcardProgramNotFound");
        const nextIdBefore = state.nextId;
        let id = state.nextId++;
        while (state.byHash.has(String(id))) id = state.nextId++;
        const days = typeof program.expiration_days === "number" ? program.expiration_days : null;
        const card: StoredGiftcard = {
          id,
          uuid: randomUUID(),
          type: "DIGITAL",
          hash: String(id),
          expiration_date: days === null ? null : isoSeconds(Date.now() + days * 86_400_000),
          active: true,
          upgradeable: true,
          amount_in_cents: 0,
          giftcard_program_uuid: String(program.uuid),
        };
        state.cards.set(key(card.uuid), card);
        state.byHash.set(card.hash, card);
        const undo = () => {
          state.cards.delete(key(card.uuid));
          state.byHash.delete(card.hash);
          state.nextId = nextIdBefore;
        };
        return { ...ctx.success("createGiftcard", view(card)), undo };
      },
      findGiftcardByHash: ({ query }) => withCard(state.byHash.get(String(query.hash)), (card) => ctx.success("findGiftcardByHash", view(card))),
      getGiftcard: ({ params }) => withCard(state.cards.get(key(params.giftcard_uuid!)), (card) => ctx.success("getGiftcard", view(card))),
      // No mail goes out; the answer is the documented confirmation, for a card that exists.
      sendGiftcardByEmail: ({ params }) => withCard(state.cards.get(key(params.uuid!)), () => ctx.success("sendGiftcardByEmail", sent)),
    };
  },
});
