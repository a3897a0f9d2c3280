// Vouchers: issued under a promotion (one at a time or in a batch), found by code, listed,
// updated, validated, locked and released, redeemed once or several times, and reversed. A
// voucher's status is worked out when it is read (dates against the clock, redemptions left, a
// lock that has not run out), so nothing has to expire in the background. Promotions are the
// promotions module's state and contacts the contact modules', reached through the store.
import { randomBytes, randomUUID } from "node:crypto";
import type { Answer, Change, EmittedEvent } from "../answer.js";
import type { FieldErrors } from "../errors.js";
import { defineModule } from "../module.js";
import { isObject, type Json, type JsonObject } from "../spec.js";
import { contactTiers, seedContacts } from "./contact-tiers.js";
import { contacts } from "./contacts.js";
import { promotions, seedPromotions } from "./promotions.js";

/**
 * The vouchers the default state holds. The first three are the spec's example vouchers (the
 * list example); the expired and the redeemed one are the mock's own, so that every refusal
 * and the reverse example have a voucher to meet.
 */
export const seedVouchers = {
  /** EXAMPLE-CODE-03785: single use, active, held by `seedContacts.withTier`; the spec's find, lock, redeem and validate examples use it. */
  singleUse: { uuid: "62f6dc8c-4ff1-4c42-99ba-713c68ed10a0", code: "EXAMPLE-CODE-03785" },
  /** VTESCW2CT: three uses, held by `seedContacts.withTier`; the spec's multi-redeem example uses it. */
  multiUse: { uuid: "11fe9574-800a-4832-ae64-e90d0192ca9a", code: "VTESCW2CT" },
  /** FLYER-0001: single use, held by nobody (redeeming it needs a `contact_uuid`). */
  unassigned: { uuid: "57d93a44-1c9d-4548-8c0e-e6cd71d6170a", code: "FLYER-0001" },
  /** EXPIRED-0001: expired on the examples' date, 2023-12-10 (redeem and lock answer 80006). */
  expired: { uuid: "0e5d7c1a-3b2f-4a69-8d4e-6f1a2b3c4d5e", code: "EXPIRED-0001" },
  /** REDEEMED-0001: single use, redeemed by `seedContacts.withTier`; its redemption is the spec's reverse example. */
  redeemed: { uuid: "7a4e2c9b-1d3f-4b5a-8e6c-2f9d0a1b3c4e", code: "REDEEMED-0001", redemption: "8f3b2a1c-6d4e-4f5a-9b8c-7d6e5f4a3b2c" },
} as const;

export interface StoredLock {
  release_key: string;
  locked_at: string;
  unlocked_at: string | null;
  system_release_at: string | null;
}

export interface StoredVoucher {
  uuid: string;
  code: string;
  promotion_uuid: string;
  contact_uuid: string | null;
  /** What the update call sets; the other statuses are worked out when read. */
  status: "ACTIVE" | "DEACTIVATED";
  activation_date: string;
  expiration_date: string | null;
  total_redemptions_allowed: number;
  /** The voucher's own custom attribute values (the promotion's are added when read). */
  attributes: JsonObject;
  redemptions: { uuid: string; created_at: string }[];
  /** The latest lock, held or ended. */
  lock: StoredLock | null;
}

interface VoucherState {
  /** By lowercased uuid, in creation order. */
  vouchers: Map<string, StoredVoucher>;
  /** By code (codes compare as written). */
  byCode: Map<string, StoredVoucher>;
}

const key = (uuid: string) => uuid.toLowerCase();
const LOCK_MS = 60 * 60 * 1000;
// Leat's voucher dates: ISO 8601 to the second with a +00:00 offset.
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00");
// The batch job's `created_at` is a display string, "2023-11-27, 17:59".
const display = (ms: number) => new Date(ms).toISOString().replace(/^(\d{4}-\d\d-\d\d)T(\d\d:\d\d).*$/, "$1, $2");

const lockSchema = {
  type: ["object", "null"],
  required: ["release_key", "locked_at", "unlocked_at", "system_release_at"],
  additionalProperties: false,
  properties: {
    release_key: { type: "string", minLength: 1 },
    locked_at: { type: "string" },
    unlocked_at: { type: ["string", "null"] },
    system_release_at: { type: ["string", "null"] },
  },
};

export const vouchers = defineModule<VoucherState>({
  name: "vouchers",
  operations: [
    "listVouchers",
    "createVoucher",
    "createVoucherBatch",
    "findVoucher",
    "updateVoucher",
    "lockVoucher",
    "releaseVoucher",
    "redeemVoucher",
    "multiRedeemVoucher",
    "reverseVoucherRedemption",
    "validateVoucher",
  ],
  errors: [
    "InvalidInput",
    "ContactNotFound",
    "PromotionNotFound",
    "VoucherAlreadyExists",
    "VoucherNotFound",
    "VoucherAlreadyRedeemed",
    "VoucherExpired",
    "VoucherLimitReached",
    "VoucherDeactivated",
    "VoucherInactive",
    "VoucherAlreadyLocked",
    "VoucherRedemptionsExhausted",
  ],
  stateSchema: {
    vouchers: {
      type: "array",
      items: {
        type: "object",
        required: ["uuid", "code", "promotion_uuid", "contact_uuid", "status", "activation_date", "expiration_date", "total_redemptions_allowed", "attributes", "redemptions", "lock"],
        additionalProperties: false,
        properties: {
          uuid: { type: "string", format: "uuid" },
          code: { type: "string", minLength: 1 },
          promotion_uuid: { type: "string", format: "uuid" },
          contact_uuid: { type: ["string", "null"], format: "uuid" },
          status: { enum: ["ACTIVE", "DEACTIVATED"] },
          activation_date: { type: "string" },
          expiration_date: { type: ["string", "null"] },
          total_redemptions_allowed: { type: "integer", minimum: 1 },
          attributes: { type: "object" },
          redemptions: {
            type: "array",
            items: { type: "object", required: ["uuid", "created_at"], additionalProperties: false, properties: { uuid: { type: "string", minLength: 1 }, created_at: { type: "string" } } },
          },
          lock: lockSchema,
        },
      },
    },
  },

  // The list example's three vouchers (their example expiry, 2023-12-10, has passed: they are
  // seeded without one), the multi-redeem example's use count, the release example's ended
  // lock, and an expired and a redeemed voucher of the promotion without limits.
  defaults(ctx) {
    const list = ctx.successExamples("listVouchers")[0]?.data;
    const multi = ctx.successExamples("multiRedeemVoucher")[0]?.data;
    const released = ctx.successExamples("releaseVoucher")[0]?.data;
    if (!Array.isArray(list) || !isObject(multi) || !isObject(released)) throw new Error("The spec lacks the listVouchers, multiRedeemVoucher or releaseVoucher example the default vouchers are built from");
    const multiVoucher = isObject(multi.voucher) ? multi.voucher : {};
    const stored: StoredVoucher[] = [];
    for (const item of list) {
      if (!isObject(item) || typeof item.uuid !== "string" || typeof item.code !== "string" || !isObject(item.promotion)) continue;
      stored.push({
        uuid: item.uuid,
        code: item.code,
        promotion_uuid: String(item.promotion.uuid),
        contact_uuid: isObject(item.contact) ? seedContacts.withTier : null,
        status: "ACTIVE",
        activation_date: String(item.activation_date),
        expiration_date: null,
        total_redemptions_allowed: item.code === multiVoucher.code && typeof multiVoucher.total_redemptions_allowed === "number" ? multiVoucher.total_redemptions_allowed : 1,
        attributes: {},
        redemptions: [],
        lock: null,
      });
    }
    for (const seed of [seedVouchers.singleUse, seedVouchers.multiUse, seedVouchers.unassigned]) {
      if (!stored.some((v) => v.uuid === seed.uuid && v.code === seed.code)) throw new Error(`The spec's listVouchers example no longer holds the seeded voucher ${seed.code}`);
    }
    const lock = isObject(released.lock) ? released.lock : {};
    const single = stored.find((v) => isObject(released.voucher) && v.uuid === released.voucher.uuid);
    if (!single) throw new Error("The spec's releaseVoucher example no longer releases a voucher of the listVouchers example");
    single.lock = {
      release_key: String(lock.release_key),
      locked_at: String(lock.locked_at),
      unlocked_at: typeof lock.unlocked_at === "string" ? lock.unlocked_at : null,
      system_release_at: null,
    };
    const expiredAt = list.find(isObject)?.expiration_date;
    const own = { promotion_uuid: seedPromotions.unlimited, status: "ACTIVE" as const, total_redemptions_allowed: 1, attributes: {}, lock: null };
    stored.push(
      { ...own, ...seedVouchers.expired, contact_uuid: null, activation_date: "2023-11-10T10:00:00+00:00", expiration_date: typeof expiredAt === "string" ? expiredAt : "2023-12-10T10:00:00+00:00", redemptions: [] },
      {
        ...own,
        uuid: seedVouchers.redeemed.uuid,
        code: seedVouchers.redeemed.code,
        contact_uuid: seedContacts.withTier,
        activation_date: "2023-11-10T10:00:00+00:00",
        expiration_date: null,
        redemptions: [{ uuid: seedVouchers.redeemed.redemption, created_at: "2023-11-13T09:05:00+00:00" }],
      },
    );
    return { vouchers: stored as unknown as Json };
  },

  load(_ctx, part) {
    const state: VoucherState = { vouchers: new Map(), byCode: new Map() };
    const redemptions = new Set<string>();
    (part.vouchers as unknown as StoredVoucher[]).forEach((voucher, index) => {
      if (state.vouchers.has(key(voucher.uuid))) throw new Error(`vouchers[${index}].uuid repeats ${voucher.uuid}`);
      if (state.byCode.has(voucher.code)) throw new Error(`vouchers[${index}].code repeats ${voucher.code}`);
      for (const field of ["activation_date", "expiration_date"] as const) {
        const value = voucher[field];
        if (value !== null && Number.isNaN(Date.parse(value))) throw new Error(`vouchers[${index}].${field} is not a date: ${value}`);
      }
      if (voucher.redemptions.length > voucher.total_redemptions_allowed) throw new Error(`vouchers[${index}].redemptions has more entries than total_redemptions_allowed`);
      for (const r of voucher.redemptions) {
        if (redemptions.has(key(r.uuid))) throw new Error(`vouchers[${index}].redemptions repeats ${r.uuid}`);
        redemptions.add(key(r.uuid));
      }
      state.vouchers.set(key(voucher.uuid), voucher);
      state.byCode.set(voucher.code, voucher);
    });
    return state;
  },

  dump: (state) => ({ vouchers: [...state.vouchers.values()] as unknown as Json }),

  handlers(ctx, state, peer) {
    const promotionsState = peer(promotions);
    const tiers = peer(contactTiers);
    const profiles = peer(contacts).profiles;
    const contactExists = (uuid: string) => tiers.contacts.has(key(uuid));
    const promotionOf = (voucher: StoredVoucher): JsonObject => promotionsState.promotions.get(key(voucher.promotion_uuid)) ?? { uuid: voucher.promotion_uuid };
    const holder = (voucher: StoredVoucher) => (voucher.contact_uuid !== null && contactExists(voucher.contact_uuid) ? voucher.contact_uuid : null);
    const remaining = (voucher: StoredVoucher) => Math.max(0, voucher.total_redemptions_allowed - voucher.redemptions.length);
    // A lock holds until it is released or until Leat would release it by itself, an hour on.
    const lockHeld = (voucher: StoredVoucher, now: number) =>
      voucher.lock !== null && voucher.lock.unlocked_at === null && (voucher.lock.system_release_at === null || now < Date.parse(voucher.lock.system_release_at));

    function status(voucher: StoredVoucher, now: number): string {
      if (voucher.status === "DEACTIVATED") return "DEACTIVATED";
      if (remaining(voucher) === 0) return "REDEEMED";
      if (voucher.expiration_date !== null && now >= Date.parse(voucher.expiration_date)) return "EXPIRED";
      if (now < Date.parse(voucher.activation_date)) return "INACTIVE";
      return lockHeld(voucher, now) ? "LOCKED" : "ACTIVE";
    }
    const scalars = (values: unknown) =>
      isObject(values) ? Object.fromEntries(Object.entries(values).filter(([, v]) => v === null || ["string", "number", "boolean"].includes(typeof v))) : {};
    function view(voucher: StoredVoucher, now = Date.now()): JsonObject {
      const promotion = promotionOf(voucher);
      const { attributes: promotionAttributes, type: _type, redemptions_per_voucher: _perVoucher, ...embedded } = promotion;
      const last = voucher.redemptions.at(-1);
      const contact = holder(voucher);
      return {
        uuid: voucher.uuid,
        code: voucher.code,
        status: status(voucher, now),
        ...(typeof promotion.name === "string" ? { name: promotion.name } : {}),
        ...(typeof promotion.description === "string" ? { description: promotion.description } : {}),
        expiration_date: voucher.expiration_date,
        activation_date: voucher.activation_date,
        redeemed_at: last?.created_at ?? null,
        is_redeemed: voucher.redemptions.length > 0,
        redemptions_remaining: remaining(voucher),
        times_redeemed: voucher.redemptions.length,
        total_redemptions_allowed: voucher.total_redemptions_allowed,
        attributes: { ...scalars(promotionAttributes), ...scalars(voucher.attributes) },
        contact: contact === null ? null : { uuid: contact, email: profiles.get(key(contact))?.email ?? null },
        promotion: { ...scalars(promotionAttributes), ...scalars(embedded), uuid: voucher.promotion_uuid },
      };
    }
    // The webhook payload: the fields the WooCommerce plugin reads, the contact by uuid only.
    function event(name: string, voucher: StoredVoucher): EmittedEvent {
      const { uuid, code, name: title, description, status: now, is_redeemed, redeemed_at, expiration_date, activation_date, contact, promotion } = view(voucher);
      const promo = promotion as JsonObject;
      return {
        event: name,
        data: {
          voucher: {
            uuid,
            code,
            ...(title !== undefined ? { name: title } : {}),
            description: description ?? null,
            status: now,
            is_redeemed,
            redeemed_at,
            expiration_date,
            activation_date,
            contact: isObject(contact) ? { uuid: contact.uuid! } : null,
            promotion: { uuid: promo.uuid!, ...(promo.name !== undefined ? { name: promo.name } : {}) },
          },
        } as JsonObject,
      };
    }
    const invalid = (errors: FieldErrors) => ctx.error("InvalidInput", errors);
    /** A date field of the body in Leat's form, undefined when absent, or the refusal naming it. */
    function dateField(body: JsonObject, field: string): string | undefined | Answer {
      if (body[field] === undefined) return undefined;
      const ms = Date.parse(String(body[field]));
      return Number.isNaN(ms) ? invalid({ [field]: [`The ${field.replace(/_/g, " ")} field must be a valid date.`] }) : iso(ms);
    }
    const isAnswer = (value: unknown): value is Answer => isObject(value) && typeof (value as { status?: unknown }).status === "number";
    function newCode(): string {
      for (;;) {
        const code = `V${randomBytes(5).toString("hex").toUpperCase()}`;
        if (!state.byCode.has(code)) return code;
      }
    }
    /** Snapshot of what a change may touch on one voucher, for its undo. */
    function keep(voucher: StoredVoucher): () => void {
      const before = { ...voucher, redemptions: [...voucher.redemptions], lock: voucher.lock && { ...voucher.lock }, attributes: { ...voucher.attributes } };
      return () => void Object.assign(voucher, before);
    }
    function insert(voucher: StoredVoucher) {
      state.vouchers.set(key(voucher.uuid), voucher);
      state.byCode.set(voucher.code, voucher);
    }
    function remove(voucher: StoredVoucher) {
      state.vouchers.delete(key(voucher.uuid));
      state.byCode.delete(voucher.code);
    }

    /**
     * What creating `quantity` vouchers needs: the promotion (80002), the contact (55031), valid
     * dates (1003) and room under the promotion's limits (80008); the vouchers, or the refusal.
     */
    function issue(body: JsonObject, quantity: number, code: string | undefined): StoredVoucher[] | Answer {
      const promotion = promotionsState.promotions.get(key(String(body.promotion_uuid)));
      if (!promotion) return ctx.error("PromotionNotFound");
      const contactUuid = typeof body.contact_uuid === "string" ? body.contact_uuid : null;
      if (contactUuid !== null && !contactExists(contactUuid)) return ctx.error("ContactNotFound");
      if (code !== undefined && state.byCode.has(code)) return ctx.error("VoucherAlreadyExists");
      const activation = dateField(body, "activation_date");
      if (isAnswer(activation)) return activation;
      const expiration = dateField(body, "expiration_date");
      if (isAnswer(expiration)) return expiration;
      const own = [...state.vouchers.values()].filter((v) => key(v.promotion_uuid) === key(String(promotion.uuid)));
      if (typeof promotion.voucher_limit === "number" && own.length + quantity > promotion.voucher_limit) return ctx.error("VoucherLimitReached");
      // Leat documents no code for the per-contact limit; the promotion's voucher limit code fits it.
      if (contactUuid !== null && typeof promotion.limit_per_contact === "number") {
        const held = own.filter((v) => v.contact_uuid !== null && key(v.contact_uuid) === key(contactUuid)).length;
        if (held + quantity > promotion.limit_per_contact) return ctx.error("VoucherLimitReached");
      }
      const now = Date.now();
      const duration = typeof promotion.expiration_duration === "number" && promotion.expiration_duration > 0 ? promotion.expiration_duration : null;
      const allowed =
        typeof body.total_redemptions_allowed === "number"
          ? body.total_redemptions_allowed
          : typeof promotion.redemptions_per_voucher === "number" && promotion.redemptions_per_voucher > 0
            ? promotion.redemptions_per_voucher
            : 1;
      const made: StoredVoucher[] = [];
      for (let i = 0; i < quantity; i++) {
        made.push({
          uuid: randomUUID(),
          code: code ?? newCode(),
          promotion_uuid: String(promotion.uuid),
          contact_uuid: contactUuid,
          status: "ACTIVE",
          activation_date: activation ?? iso(now),
          expiration_date: expiration ?? (duration === null ? null : iso(now + duration * 1000)),
          total_redemptions_allowed: allowed,
          attributes: isObject(body.custom_attributes) ? body.custom_attributes : {},
          redemptions: [],
          lock: null,
        });
      }
      return made;
    }

    /**
     * Why `voucher` cannot be used now, in the order the checks run: deactivated (80012), nothing
     * left (80005), expired (80006), not active yet (80014); undefined when it can.
     */
    function unusable(voucher: StoredVoucher, now: number): Answer | undefined {
      if (voucher.status === "DEACTIVATED") return ctx.error("VoucherDeactivated");
      if (remaining(voucher) === 0) return ctx.error("VoucherAlreadyRedeemed");
      if (voucher.expiration_date !== null && now >= Date.parse(voucher.expiration_date)) return ctx.error("VoucherExpired");
      if (now < Date.parse(voucher.activation_date)) return ctx.error("VoucherInactive");
      return undefined;
    }
    /**
     * Who redeems: a voucher's own contact may be named (another contact is refused as 80004,
     * "not found" for that contact); one that belongs to nobody needs a known `contact_uuid`.
     */
    function redeemer(voucher: StoredVoucher, body: JsonObject): string | Answer {
      const named = typeof body.contact_uuid === "string" ? body.contact_uuid : null;
      const own = holder(voucher);
      if (own !== null) return named === null || key(named) === key(own) ? own : ctx.error("VoucherNotFound");
      if (named === null) return invalid({ contact_uuid: ["The contact uuid field is required when the voucher belongs to no contact."] });
      if (!contactExists(named)) return invalid({ contact_uuid: ["No contact has this uuid."] });
      return named;
    }
    function redeem(body: JsonObject, times: number): { voucher: StoredVoucher; change: Change } | Answer {
      const voucher = state.byCode.get(String(body.code));
      if (!voucher) return ctx.error("VoucherNotFound");
      const contact = redeemer(voucher, body);
      if (typeof contact !== "string") return contact;
      const now = Date.now();
      const refusal = unusable(voucher, now);
      if (refusal) return refusal;
      if (remaining(voucher) < times) return ctx.error("VoucherRedemptionsExhausted");
      // A held lock is the checkout's that holds its key: anyone else gets the lock's own code.
      const held = lockHeld(voucher, now);
      if (held && body.release_key !== voucher.lock!.release_key) return ctx.error("VoucherAlreadyLocked");
      const undo = keep(voucher);
      if (held) Object.assign(voucher.lock!, { unlocked_at: iso(now), system_release_at: null });
      voucher.contact_uuid = contact;
      for (let i = 0; i < times; i++) voucher.redemptions.push({ uuid: randomUUID(), created_at: iso(now) });
      return { voucher, change: { status: 200, body: null, undo, events: [event("voucher_redeemed", voucher)] } };
    }
    const byUuid = (uuid: string | undefined) => (uuid === undefined ? undefined : state.vouchers.get(key(uuid)));
    const lockAnswer = (operationId: string, voucher: StoredVoucher, now: number) => {
      const lock = voucher.lock!;
      // A lock that ran out was ended by Leat at its system release time.
      const ended = lock.unlocked_at === null && !lockHeld(voucher, now) ? { unlocked_at: lock.system_release_at, system_release_at: null } : {};
      return ctx.success(operationId, { voucher: { uuid: voucher.uuid, status: status(voucher, now) }, lock: { ...lock, ...ended } });
    };

    return {
      listVouchers: ({ query, request }) => {
        if (typeof query.promotion_uuid === "string" && !promotionsState.promotions.has(key(query.promotion_uuid))) return ctx.error("PromotionNotFound");
        if (typeof query.contact_uuid === "string" && !contactExists(query.contact_uuid)) return ctx.error("ContactNotFound");
        const now = Date.now();
        const matching = [...state.vouchers.values()]
          .filter((v) => typeof query.promotion_uuid !== "string" || key(v.promotion_uuid) === key(query.promotion_uuid))
          .filter((v) => typeof query.contact_uuid !== "string" || (holder(v) !== null && key(holder(v)!) === key(query.contact_uuid)))
          .map((v) => view(v, now))
          .filter((v) => typeof query.status !== "string" || v.status === query.status);
        // The engine has checked them as integers; a query string still holds them as text.
        const limit = Number(query.limit ?? 30);
        const perPage = limit > 0 ? limit : 30;
        const page = Number(query.page ?? 1);
        const lastPage = Math.max(1, Math.ceil(matching.length / perPage));
        const items = matching.slice((page - 1) * perPage, page * perPage);
        const path = `http://${request?.headers?.host ?? "127.0.0.1"}${(request?.url ?? "/vouchers").split("?")[0]}`;
        const url = (n: number) => `${path}?page=${n}`;
        const meta = {
          current_page: page,
          from: items.length > 0 ? (page - 1) * perPage + 1 : null,
          last_page: lastPage,
          links: [
            { url: page > 1 ? url(page - 1) : null, label: "pagination.previous", active: false },
            ...Array.from({ length: lastPage }, (_, i) => ({ url: url(i + 1), label: String(i + 1), active: i + 1 === page })),
            { url: page < lastPage ? url(page + 1) : null, label: "pagination.next", active: false },
          ],
          path,
          per_page: perPage,
          to: items.length > 0 ? (page - 1) * perPage + items.length : null,
          total: matching.length,
        };
        const links = { first: url(1), last: url(lastPage), prev: page > 1 ? url(page - 1) : null, next: page < lastPage ? url(page + 1) : null };
        return { status: 200, body: { data: items, links, meta } };
      },

      createVoucher: ({ body }): Answer | Change => {
        const made = issue(body!, 1, typeof body!.code === "string" ? body!.code : undefined);
        if (isAnswer(made)) return made;
        const voucher = made[0]!;
        insert(voucher);
        return { ...ctx.success("createVoucher", view(voucher)), undo: () => remove(voucher), events: [event("voucher_created", voucher)] };
      },

      // Leat answers with a pending job and issues the vouchers later; the mock issues them at once.
      createVoucherBatch: ({ body }): Answer | Change => {
        const quantity = Number(body!.quantity);
        const made = issue(body!, quantity, undefined);
        if (isAnswer(made)) return made;
        for (const voucher of made) insert(voucher);
        const job = { uuid: randomUUID(), type: "vouchers", quantity, status: "PENDING", created_at: display(Date.now()) };
        return { ...ctx.success("createVoucherBatch", job), undo: () => made.forEach(remove), events: made.map((v) => event("voucher_created", v)) };
      },

      findVoucher: ({ query }) => {
        const voucher = state.byCode.get(String(query.code));
        return voucher ? ctx.success("findVoucher", view(voucher)) : ctx.error("VoucherNotFound");
      },

      updateVoucher: ({ params, body }): Answer | Change => {
        const voucher = byUuid(params.voucher_uuid);
        if (!voucher) return ctx.error("VoucherNotFound");
        const expiration = dateField(body!, "expiration_date");
        if (isAnswer(expiration)) return expiration;
        const undo = keep(voucher);
        voucher.status = body!.status === "DEACTIVATED" ? "DEACTIVATED" : "ACTIVE";
        if (isObject(body!.custom_attributes)) voucher.attributes = { ...voucher.attributes, ...body!.custom_attributes };
        if (expiration !== undefined) voucher.expiration_date = expiration;
        return { ...ctx.success("updateVoucher", view(voucher)), undo, events: [event("voucher_updated", voucher)] };
      },

      lockVoucher: ({ params }): Answer | Change => {
        const voucher = byUuid(params.voucher_uuid);
        if (!voucher) return ctx.error("VoucherNotFound");
        const now = Date.now();
        const refusal = unusable(voucher, now);
        if (refusal) return refusal;
        if (lockHeld(voucher, now)) return ctx.error("VoucherAlreadyLocked");
        const undo = keep(voucher);
        voucher.lock = { release_key: randomUUID(), locked_at: iso(now), unlocked_at: null, system_release_at: iso(now + LOCK_MS) };
        return { ...lockAnswer("lockVoucher", voucher, now), undo, events: [event("voucher_updated", voucher)] };
      },

      // Releasing with the key of a lock that already ended (released, redeemed, run out) answers that lock again.
      releaseVoucher: ({ params, body }): Answer | Change => {
        const voucher = byUuid(params.voucher_uuid);
        if (!voucher) return ctx.error("VoucherNotFound");
        const now = Date.now();
        const matches = voucher.lock !== null && body!.release_key === voucher.lock.release_key;
        if (lockHeld(voucher, now)) {
          if (!matches) return ctx.error("VoucherAlreadyLocked");
          const undo = keep(voucher);
          Object.assign(voucher.lock!, { unlocked_at: iso(now), system_release_at: null });
          return { ...lockAnswer("releaseVoucher", voucher, now), undo, events: [event("voucher_updated", voucher)] };
        }
        return matches ? lockAnswer("releaseVoucher", voucher, now) : invalid({ release_key: ["No lock of this voucher has this release key."] });
      },

      redeemVoucher: ({ body }): Answer | Change => {
        const done = redeem(body!, 1);
        if (isAnswer(done)) return done;
        const answer = ctx.success("redeemVoucher", { ...view(done.voucher), voucher_redemption: done.voucher.redemptions.at(-1)! });
        return { ...done.change, ...answer };
      },

      multiRedeemVoucher: ({ body }): Answer | Change => {
        const times = Number(body!.number_of_times);
        const done = redeem(body!, times);
        if (isAnswer(done)) return done;
        const answer = ctx.success("multiRedeemVoucher", { voucher: view(done.voucher), voucher_redemptions: done.voucher.redemptions.slice(-times) });
        return { ...done.change, ...answer };
      },

      // `{uuid}` is a redemption (newest documentation) or, as the older one says, a voucher:
      // then its latest redemption is reversed.
      reverseVoucherRedemption: ({ params }): Answer | Change => {
        const uuid = key(params.uuid!);
        let voucher = [...state.vouchers.values()].find((v) => v.redemptions.some((r) => key(r.uuid) === uuid));
        let index = voucher?.redemptions.findIndex((r) => key(r.uuid) === uuid) ?? -1;
        if (!voucher) {
          voucher = byUuid(uuid);
          index = (voucher?.redemptions.length ?? 0) - 1;
        }
        if (!voucher || index < 0) return ctx.error("VoucherNotFound");
        const undo = keep(voucher);
        voucher.redemptions.splice(index, 1);
        return { ...ctx.success("reverseVoucherRedemption", view(voucher)), undo, events: [event("voucher_updated", voucher)] };
      },

      // The redeem call's checks without redeeming; a held lock does not fail it (the checkout holding it may ask).
      validateVoucher: ({ params, body }) => {
        const voucher = byUuid(params.voucher_uuid);
        if (!voucher) return ctx.error("VoucherNotFound");
        const contact = redeemer(voucher, body!);
        if (typeof contact !== "string") return contact;
        return unusable(voucher, Date.now()) ?? ctx.success("validateVoucher", view(voucher));
      },
    };
  },
});
