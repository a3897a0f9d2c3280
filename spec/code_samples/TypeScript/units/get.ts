import { createLeatClient } from "@leat-openapi/client";

const leat = createLeatClient({
  apiKey: process.env.LEAT_API_KEY ?? "",
  baseUrl: "http://127.0.0.1:4010",
});

const units = await leat.units.list();
const defaultUnit = units.find((unit) => unit.is_default);
console.log(`Default unit: ${defaultUnit?.label ?? "none"}`);
