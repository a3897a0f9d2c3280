// Every resource with rules of its own. An operation no module names answers its documented
// examples (see engine.ts); adding a resource's rules is one file here and one line below.
import type { AnyModule } from "../module.js";
import { contactDirectory } from "./contact-directory.js";
import { contactIdentifiers } from "./contact-identifiers.js";
import { contactSubscriptions } from "./contact-subscriptions.js";
import { collectableRewards } from "./collectable-rewards.js";
import { contactTiers } from "./contact-tiers.js";
import { contacts } from "./contacts.js";
import { customAttributes } from "./custom-attributes.js";
import { creditReceptions } from "./credit-receptions.js";
import { giftcardTransactions } from "./giftcard-transactions.js";
import { giftcards } from "./giftcards.js";
import { loyaltyTransactions } from "./loyalty-transactions.js";
import { orderReturns } from "./order-returns.js";
import { orders } from "./orders.js";
import { prepaidTransactions } from "./prepaid-transactions.js";
import { promotions } from "./promotions.js";
import { rewardReceptions } from "./reward-receptions.js";
import { rewards } from "./rewards.js";
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
  orders,
  orderReturns,
  promotions,
  vouchers,
  rewards,
  rewardReceptions,
  collectableRewards,
  giftcards,
  giftcardTransactions,
  prepaidTransactions,
];
