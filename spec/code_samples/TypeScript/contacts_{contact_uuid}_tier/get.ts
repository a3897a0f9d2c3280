import { createLeatClient, isLeatApiError, LeatErrorCode } from "@leat-openapi/client";

const leat = createLeatClient({
  apiKey: process.env.LEAT_API_KEY!, // a Personal Access Token from the Leat dashboard
  // Calls Leat unless LEAT_BASE_URL is set, e.g. to http://127.0.0.1:4010 for the mock server.
  baseUrl: process.env.LEAT_BASE_URL,
});

try {
  const tier = await leat.contacts.getTier("4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1");
  if (tier === null) {
    console.log("This contact has not reached a tier yet.");
  } else {
    console.log(`This contact is ${tier.name} (position ${tier.position}).`);
  }
} catch (error) {
  // Leat sends its documented errors with HTTP 400: branch on the code, not the status.
  if (isLeatApiError(error, LeatErrorCode.ContactNotFound)) {
    console.error("No contact has that UUID.");
  } else {
    throw error;
  }
}
