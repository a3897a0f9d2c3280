import { createLeatClient } from "@leat-openapi/client";

const leat = createLeatClient({
  apiKey: process.env.LEAT_API_KEY!, // a Personal Access Token from the Leat dashboard
  // Calls Leat unless LEAT_BASE_URL is set, e.g. to http://127.0.0.1:4010 for the mock server.
  baseUrl: process.env.LEAT_BASE_URL,
});

const units = await leat.units.list();
const defaultUnit = units.find((unit) => unit.is_default);
console.log(`Default unit: ${defaultUnit?.label ?? "none"}`);
