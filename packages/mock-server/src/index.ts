import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createEngine } from "./engine.js";
import { createContext } from "./module.js";
import { exampleIndex } from "./example-index.js";
import { buildModel } from "./model.js";
import { modules } from "./modules/index.js";
import { subscriptionsFor, webhookSubscriptions } from "./modules/webhook-subscriptions.js";
import { StateWriter, removeStaleTempFiles } from "./persist.js";
import type { ResponseMismatch } from "./response-check.js";
import { loadBundledDocument, type Json, type JsonObject } from "./spec.js";
import { Store, type StateSnapshot } from "./store.js";
import { webhookPayloadCheck } from "./webhook-check.js";
import { DEFAULT_RETRY_DELAYS, DEFAULT_WEBHOOK_SECRET, DEFAULT_WEBHOOK_TIMEOUT, WebhookDelivery, type WebhookDeliveryAttempt } from "./webhook-delivery.js";

export { seedContacts, type StoredContact } from "./modules/contact-tiers.js";
export { seedRewards, type StoredReward } from "./modules/rewards.js";
export { seedShops } from "./modules/shops.js";
export { seedGiftcardPrograms, seedGiftcards } from "./modules/giftcards.js";
export { seedOrders } from "./modules/orders.js";
export type { WebhookDeliveryAttempt } from "./webhook-delivery.js";
export { seedPromotions } from "./modules/promotions.js";
export { seedVouchers } from "./modules/vouchers.js";

/**
 * The operationIds the mock answers by rules over its state (every other operation answers its
 * documented example). A spec given to the mock must hold them all.
 */
export const operationsWithRules: readonly string[] = Object.freeze(modules.flatMap((m) => [...m.operations]));
export type { StoredUnit } from "./modules/units.js";
export type { StateSnapshot } from "./store.js";
export type { ResponseMismatch } from "./response-check.js";

export interface MockServerOptions {
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** When set, only `Authorization: Bearer <apiKey>` is accepted; otherwise any non-empty token. */
  apiKey?: string;
  /** Initial state instead of the spec's examples: a JSON file's path, or its parsed content. */
  seed?: string | object;
  /** Persist the state in this JSON file and load it on start when it exists (it then wins over `seed`). */
  dataFile?: string;
  /** Log one line per request (method, URL, status, time) to stderr. Default false. */
  logger?: boolean;
  /**
   * Check every response against the spec before it is sent. `true` logs mismatches to
   * stderr; a function receives them (test suites record them and fail).
   */
  validateResponses?: boolean | ((mismatch: ResponseMismatch) => void);
  /** The account secret: signs webhook deliveries of subscriptions without a secret of their own. Default `leat-mock-webhook-secret`. */
  webhookSecret?: string;
  /** The wait before each webhook retry, in ms; its length is the number of retries. Default `[1000, 2000, 4000, 8000, 16000]`. */
  webhookRetryDelays?: readonly number[];
  /** How long a webhook receiver may take to answer, in ms, before the attempt counts as failed. Default 10000. */
  webhookTimeout?: number;
  /** @internal Another bundled OpenAPI document, for the mock's own tests and start-up figures. */
  document?: object;
}

export interface MockServer {
  /** e.g. `http://127.0.0.1:4010`, without a trailing slash. */
  url: string;
  /**
   * Replaces the whole state with `seed` (a file path or its content), or, without one, with
   * the state the mock started from (the `seed` option, or the spec's examples); written to the
   * data file when there is one. Rejects, changing nothing, on a bad seed.
   */
  reset(seed?: string | object): Promise<void>;
  /** The current state, as a data file holds it. */
  snapshot(): StateSnapshot;
  /** Every webhook delivery attempt so far, oldest first (also `GET /__mock/webhooks`). */
  deliveries(): WebhookDeliveryAttempt[];
  /** Resolves once no webhook delivery is under way or waiting for a retry. */
  deliveriesSettled(): Promise<void>;
  /** Stops listening, drops pending webhook retries, and waits for pending state writes. */
  close(): Promise<void>;
}

let bundled: JsonObject | null = null;

function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`${what} ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} ${file}: not valid JSON (${(error as Error).message})`);
  }
}

/** A seed option's content (`{}`, every module's defaults, when there is none), and how to name it in messages. */
function seedContent(seed: string | object | undefined): { content: unknown; label: string } {
  if (typeof seed === "string") {
    const file = resolve(seed);
    return { content: readJsonFile(file, "seed file"), label: `seed file ${file}` };
  }
  return seed === undefined ? { content: {}, label: "the spec's examples" } : { content: seed, label: "seed" };
}

function labelled<T>(label: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(message.startsWith(label) ? message : `${label}: ${message}`);
  }
}

/** Starts the mock server and resolves once it listens. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const document = (options.document as JsonObject | undefined) ?? (bundled ??= loadBundledDocument());
  const model = buildModel(document);
  const dataFile = options.dataFile ? resolve(options.dataFile) : undefined;
  if (options.apiKey !== undefined && options.apiKey.trim() === "") throw new Error("apiKey must not be empty");
  const webhookSecret = options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET;
  if (typeof webhookSecret !== "string" || webhookSecret === "") throw new Error("webhookSecret must be a non-empty string");
  const retryDelays = options.webhookRetryDelays ?? DEFAULT_RETRY_DELAYS;
  if (!Array.isArray(retryDelays) || !retryDelays.every((d) => typeof d === "number" && Number.isFinite(d) && d >= 0)) {
    throw new Error("webhookRetryDelays must be a list of waits in milliseconds (numbers, 0 or more)");
  }
  const webhookTimeout = options.webhookTimeout ?? DEFAULT_WEBHOOK_TIMEOUT;
  if (typeof webhookTimeout !== "number" || !Number.isFinite(webhookTimeout) || webhookTimeout <= 0)
    throw new Error("webhookTimeout must be a number of milliseconds above 0");

  const startSeed = seedContent(options.seed);
  const fromData = dataFile !== undefined && existsSync(dataFile);
  const initial = fromData ? { content: readJsonFile(dataFile, "data file"), label: `data file ${dataFile}` } : startSeed;
  const store = labelled(initial.label, () => new Store(createContext(model), modules, initial.content));

  let writer: StateWriter | null = null;
  if (dataFile) {
    await removeStaleTempFiles(dataFile);
    writer = new StateWriter(dataFile, () => `${JSON.stringify(store.snapshot(), null, 2)}\n`);
    if (!fromData) await writer.save();
  }
  const save = writer ? () => writer.save() : null;

  const validate = options.validateResponses;
  const onMismatch =
    typeof validate === "function"
      ? validate
      : validate
        ? (m: ResponseMismatch) => process.stderr.write(`leat-mock: response does not match the spec: ${JSON.stringify(m)}\n`)
        : null;

  const checkPayload = onMismatch ? webhookPayloadCheck(model) : null;
  const webhooks = new WebhookDelivery({
    accountSecret: webhookSecret,
    retryDelays,
    timeout: webhookTimeout,
    targets: (event) => subscriptionsFor(store.stateOf(webhookSubscriptions), event).map((s) => ({ subscription_uuid: s.uuid, url: s.url, secret: s.secret })),
    check: (event, payload) => checkPayload?.(event.event, payload) ?? [],
    onProblem: (event, problems) =>
      onMismatch?.({ method: "POST", url: `webhook ${event.event}`, operationId: checkPayload?.operationId(event.event) ?? null, status: 0, problems }),
  });

  const restore = async (next: { content: unknown; label: string }): Promise<void> => {
    labelled(next.label, () => store.restore(next.content));
    // The subscriptions, and what was sent to them, belong to the state that was replaced.
    webhooks.stop(true);
    await save?.();
  };
  const reset = (seed?: string | object) => restore(seed === undefined ? startSeed : seedContent(seed));
  // Over HTTP the body is the seed itself, never a file name.
  const resetOverHttp = (content?: unknown) => restore(content === undefined ? startSeed : { content, label: "seed" });

  const engine = createEngine({
    model,
    store,
    save,
    apiKey: options.apiKey,
    logger: options.logger === true,
    onMismatch,
    admin: { reset: resetOverHttp, snapshot: () => store.snapshot(), examples: () => exampleIndex(model), webhooks: () => webhooks.log() as unknown as Json },
    emit: (events) => webhooks.dispatch(events),
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    engine.server.once("error", reject);
    engine.server.listen(options.port ?? 4010, host, () => {
      engine.server.off("error", reject);
      resolve();
    });
  });
  const address = engine.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${port}`,
    reset: (seed) => reset(seed),
    snapshot: () => store.snapshot(),
    deliveries: () => webhooks.log(),
    deliveriesSettled: () => webhooks.idle(),
    close() {
      closing ??= (async () => {
        webhooks.close();
        await engine.close();
        await writer?.idle();
      })();
      return closing;
    },
  };
}
