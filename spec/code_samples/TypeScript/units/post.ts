import {
  createLeatClient,
  isLeatApiError,
  LeatErrorCode,
} from "@leat-openapi/client";

// LEAT_BASE_URL: unset for Leat, or the mock server's URL
const leat = createLeatClient({
  apiKey: process.env.LEAT_API_KEY!,
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
  // Not idempotent: retried on 429 and 503 only.
  const { UnitAlreadyExists, InvalidInput } = LeatErrorCode;
  if (isLeatApiError(error, UnitAlreadyExists)) {
    console.error("A unit with that name exists already.");
  } else if (isLeatApiError(error, InvalidInput)) {
    console.error("Leat refused the unit:", error.errors);
  } else {
    throw error;
  }
}
