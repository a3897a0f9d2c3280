import { createLeatClient } from "@leat-openapi/client";

const leat = createLeatClient({
  apiKey: process.env.LEAT_API_KEY ?? "",
  // Leave baseUrl out to call Leat itself; this points at the local mock server.
  baseUrl: "http://127.0.0.1:4010",
});

const tiers = await leat.tiers.list();
for (const tier of tiers) {
  console.log(`${tier.position}. ${tier.name}`);
}
