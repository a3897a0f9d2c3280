// Lists tiers and units, then creates a unit.
//   LEAT_API_KEY unset: runs against the embedded mock server (nothing leaves this machine).
//   LEAT_API_KEY set:   runs against the real Leat API (LEAT_BASE_URL overrides the address).
//                       Note that this creates a unit in your account.
import { startMockServer } from "@leat-openapi/mock-server";
import { createLeatClient, isLeatApiError, LeatErrorCode } from "@leat-openapi/client";

const apiKey = process.env.LEAT_API_KEY;
const mock = apiKey ? undefined : await startMockServer({ port: 0 });

try {
  const leat = createLeatClient({
    apiKey: apiKey ?? "any-token-works-with-the-mock",
    baseUrl: mock?.url ?? process.env.LEAT_BASE_URL,
  });
  console.log(mock ? `Using the local mock server at ${mock.url}` : "Using the Leat API");

  const tiers = await leat.tiers.list();
  console.log(`Tiers (${tiers.length}):`);
  for (const tier of tiers) console.log(`  #${tier.position} ${tier.name}`);

  const units = await leat.units.list();
  console.log(`Units (${units.length}):`);
  for (const unit of units) console.log(`  ${unit.name} "${unit.label}"${unit.is_default ? " (default)" : ""}`);

  const name = `quickstart_${Date.now()}`;
  try {
    const unit = await leat.units.create({ name, label: "Quickstart visits", prefix: "V" });
    console.log(`Created unit ${unit.name} (id ${unit.id}) at ${unit.created_at}`);
  } catch (error) {
    if (isLeatApiError(error, LeatErrorCode.UnitAlreadyExists)) console.log(`A unit named ${name} already exists`);
    else throw error;
  }
} finally {
  await mock?.close();
}
