import { createLeatClient } from "@leat-openapi/client";

const leat = createLeatClient({
  apiKey: process.env.LEAT_API_KEY ?? "",
  baseUrl: "http://127.0.0.1:4010",
});

const tier = await leat.contacts.getTier("4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1");
if (tier === null) {
  console.log("This contact has not reached a tier yet.");
} else {
  console.log(`This contact is ${tier.name} (position ${tier.position}).`);
}
