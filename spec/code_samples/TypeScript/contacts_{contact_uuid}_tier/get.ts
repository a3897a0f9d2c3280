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
  const tier = await leat.contacts.getTier(
    "4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1",
  );
  if (tier === null) {
    console.log("This contact has not reached a tier yet.");
  } else {
    console.log(`${tier.name}, position ${tier.position}`);
  }
} catch (error) {
  // Leat sends documented errors with HTTP 400:
  // branch on the code, not on the status.
  const { ContactNotFound } = LeatErrorCode;
  if (isLeatApiError(error, ContactNotFound)) {
    console.error("No contact has that UUID.");
  } else {
    throw error;
  }
}
