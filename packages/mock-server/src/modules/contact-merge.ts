// Merging one contact into another, for the merge call and for a claim whose email another
// contact holds. contacts.ts and this file import each other (contact-identifiers.ts and
// loyalty-transactions.ts import contacts.ts too): only functions use the imports, so the
// order the modules load in does not matter.
import type { PeerState } from "../module.js";
import { contactIdentifiers } from "./contact-identifiers.js";
import { contactSubscriptions, pair, type StoredSubscription } from "./contact-subscriptions.js";
import { contactTiers } from "./contact-tiers.js";
import { contacts, key, type ContactProfile } from "./contacts.js";
import { loyaltyTransactions } from "./loyalty-transactions.js";

// When two contacts hold a status for one type, the merged contact keeps the stronger one.
const STRENGTH: Record<StoredSubscription["status"], number> = { UNSUBSCRIBED: 0, PENDING_CONFIRMATION: 1, SUBSCRIBED: 2 };

/** Runs a change's undo steps, last first. */
export function undoAll(steps: (() => void)[]): () => void {
  return () => {
    for (const step of steps.reverse()) step();
  };
}

/** Moves everything `source` has to `destination`, then removes `source`; returns the undo steps. */
export function mergeContact(peer: PeerState, source: ContactProfile, destination: ContactProfile): (() => void)[] {
  const tiers = peer(contactTiers);
  const profiles = peer(contacts).profiles;
  const steps: (() => void)[] = [];

  // Balances add up; the destination's own attribute values, email and tier win, the source's fill what it lacks.
  const before = { ...destination };
  destination.credit_balance += source.credit_balance;
  destination.prepaid_balance_in_cents += source.prepaid_balance_in_cents;
  destination.attributes = { ...source.attributes, ...destination.attributes };
  if (destination.email === null && source.email !== null) {
    destination.email = source.email;
    destination.is_anonymous = false;
  }
  steps.push(() => void Object.assign(destination, before));
  const kept = tiers.contacts.get(key(destination.uuid))!;
  const gone = tiers.contacts.get(key(source.uuid))!;
  if (kept.tier_uuid === null && gone.tier_uuid !== null) {
    kept.tier_uuid = gone.tier_uuid;
    steps.push(() => void (kept.tier_uuid = null));
  }

  for (const identifier of peer(contactIdentifiers).identifiers.values()) {
    if (identifier.contact_uuid === null || key(identifier.contact_uuid) !== key(source.uuid)) continue;
    const was = identifier.contact_uuid;
    identifier.contact_uuid = destination.uuid;
    steps.push(() => void (identifier.contact_uuid = was));
  }

  // The source's ledger entries become the destination's, so its transactions add up to its balance.
  for (const entry of peer(loyaltyTransactions).entries) {
    if (key(entry.contact_uuid) !== key(source.uuid)) continue;
    const was = entry.contact_uuid;
    entry.contact_uuid = destination.uuid;
    steps.push(() => void (entry.contact_uuid = was));
  }

  const statuses = peer(contactSubscriptions).statuses;
  for (const type of peer(contactSubscriptions).types) {
    const from = pair(source.uuid, type.id as number);
    const to = pair(destination.uuid, type.id as number);
    const theirs = statuses.get(from);
    if (!theirs) continue;
    const ours = statuses.get(to);
    statuses.delete(from);
    if (!ours || STRENGTH[theirs.status] > STRENGTH[ours.status]) statuses.set(to, { contact_uuid: destination.uuid, subscription_type_id: type.id as number, status: theirs.status });
    steps.push(() => {
      statuses.set(from, theirs);
      if (ours) statuses.set(to, ours);
      else statuses.delete(to);
    });
  }

  // The source goes; its place in both lists comes back on undo.
  const tierEntries = [...tiers.contacts];
  const profileEntries = [...profiles];
  tiers.contacts.delete(key(source.uuid));
  profiles.delete(key(source.uuid));
  steps.push(() => {
    tiers.contacts.clear();
    for (const [k, v] of tierEntries) tiers.contacts.set(k, v);
    profiles.clear();
    for (const [k, v] of profileEntries) profiles.set(k, v);
  });
  return steps;
}

