import { createLeatClient, isLeatApiError, LeatErrorCode } from "@leat-openapi/client";

const leat = createLeatClient({
  apiKey: process.env.LEAT_API_KEY!, // a Personal Access Token from the Leat dashboard
  // Calls Leat unless LEAT_BASE_URL is set, e.g. to http://127.0.0.1:4010 for the mock server.
  baseUrl: process.env.LEAT_BASE_URL,
});

try {
  const unit = await leat.units.create({
    name: "calories",
    label: "Calories",
    prefix: "kcal",
    is_default: false,
  });
  console.log(`Created unit ${unit.name} (id ${unit.id})`);
} catch (error) {
  // Creating is not idempotent: the client retries it only on 429 and 503.
  if (isLeatApiError(error, LeatErrorCode.UnitAlreadyExists)) {
    console.error("A unit with that name exists already; names cannot be reused.");
  } else if (isLeatApiError(error, LeatErrorCode.InvalidInput)) {
    console.error("Leat refused the unit:", error.errors);
  } else {
    throw error;
  }
}
