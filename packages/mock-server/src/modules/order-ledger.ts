// How orders and returns reach the ledger: the credits an amount earns (the credit reception
// rule) and a booking of credits for a contact. PLACEHOLDER until the ledger module lands.
import type { EmittedEvent } from "../answer.js";
import type { PeerState } from "../module.js";
import type { JsonObject } from "../spec.js";
import { contacts } from "./contacts.js";

export interface Booking {
  newBalance: number;
  /** The credits actually moved (a take-back stops at the balance). */
  credits: number;
  undo: () => void;
  events?: readonly EmittedEvent[];
}

/** The credits an order amount in minor units earns: one per whole euro. */
export function creditsForAmount(amountInCents: number): number {
  return Math.floor(amountInCents / 100);
}

/** The contact's credit balance; 0 for a contact the mock no longer holds. */
export function currentBalance(peer: PeerState, contactUuid: string): number {
  return peer(contacts).profiles.get(contactUuid.toLowerCase())?.credit_balance ?? 0;
}

export function bookCredits(peer: PeerState, entry: { contactUuid: string; shopUuid: string; credits: number; order: JsonObject }): Booking {
  const profile = peer(contacts).profiles.get(entry.contactUuid.toLowerCase())!;
  const before = profile.credit_balance;
  const credits = Math.max(entry.credits, -before);
  profile.credit_balance += credits;
  return { newBalance: profile.credit_balance, credits, undo: () => void (profile.credit_balance = before) };
}
