import { createLeatClient, LeatApiError } from "@leat-openapi/client";

const leat = createLeatClient({
  apiKey: process.env.LEAT_API_KEY ?? "",
  baseUrl: "http://127.0.0.1:4010",
});

try {
  const unit = await leat.units.create({
    name: "calories",
    label: "Calories",
    prefix: "kcal",
    is_default: false,
  });
  console.log(`Created unit ${unit.name}`);
} catch (error) {
  // Leat answers most documented errors with HTTP 400: branch on the code, not the status.
  if (error instanceof LeatApiError) {
    console.error(`Leat refused the unit: ${error.code} ${error.message}`);
  } else {
    throw error;
  }
}
