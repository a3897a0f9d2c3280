// Every resource with rules of its own. An operation no module names answers its documented
// examples (see engine.ts); adding a resource's rules is one file here and one line below.
import type { AnyModule } from "../module.js";
import { contactDirectory } from "./contact-directory.js";
import { contactIdentifiers } from "./contact-identifiers.js";
import { contactSubscriptions } from "./contact-subscriptions.js";
import { contactTiers } from "./contact-tiers.js";
import { contacts } from "./contacts.js";
import { customAttributes } from "./custom-attributes.js";
import { creditReceptions } from "./credit-receptions.js";
import { loyaltyTransactions } from "./loyalty-transactions.js";
import { promotions } from "./promotions.js";
import { shops } from "./shops.js";
import { units } from "./units.js";
import { webhookSubscriptions } from "./webhook-subscriptions.js";
import { vouchers } from "./vouchers.js";

export const modules: readonly AnyModule[] = [
  contactTiers,
  contacts,
  contactIdentifiers,
  contactSubscriptions,
  contactDirectory,
  customAttributes,
  shops,
  units,
  loyaltyTransactions,
  creditReceptions,
  webhookSubscriptions,
  promotions,
  vouchers,
];
