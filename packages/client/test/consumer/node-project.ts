// What a Node user writes. Type-checked by test/consumer.test.ts under ./tsconfig.json (no DOM,
// exactOptionalPropertyTypes); never run.
import { createLeatClient, isLeatApiError, type LeatClientOptions, type LeatRequestOptions, type Middleware } from "../../dist/index.js";

declare const fromConfig: { timeoutMs: number | undefined; partner: string | undefined; signal: AbortSignal | undefined };

// Options read from configuration may be undefined: exactOptionalPropertyTypes must accept them.
const options: LeatClientOptions = {
  apiKey: "token",
  timeoutMs: fromConfig.timeoutMs,
  totalTimeoutMs: undefined,
  logLevel: "warn",
  headers: { "X-Partner-ID": "acme-pos" },
};
const leat = createLeatClient(options);
createLeatClient({ apiKey: "token", headers: new Headers({ "X-Partner-ID": "acme-pos" }) });
createLeatClient({ apiKey: "token", headers: [["X-Partner-ID", "acme-pos"]] });
// @ts-expect-error a header value is a string (HeadersInit must not fall back to `any` without the DOM library)
createLeatClient({ apiKey: "token", headers: { "X-Partner-ID": 42 } });
// @ts-expect-error headers are not a number
createLeatClient({ apiKey: "token", headers: 42 });

const perCall: LeatRequestOptions = { signal: fromConfig.signal, timeoutMs: fromConfig.timeoutMs, headers: { "X-Partner-ID": fromConfig.partner ?? "" } };
void leat.tiers.list(perCall);

const timing: Middleware = {
  onResponse({ response }) {
    console.log(response.status);
  },
};
leat.use(timing);

try {
  await leat.units.list();
} catch (error) {
  if (isLeatApiError(error, 99999)) console.log(error.code satisfies 99999);
}
