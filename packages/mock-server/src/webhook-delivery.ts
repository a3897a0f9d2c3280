// Sends the webhook events a saved change caused, the way Leat describes it: a POST of
// `{type, data}` to each active subscription for the event, signed (`Signature`, lowercase hex
// HMAC-SHA256 of the body bytes) with the subscription's secret or the account secret, and
// retried with growing waits while the receiver does not answer 2xx. Nothing here runs inside
// the request that caused the event, and a receiver that hangs is cut off after a timeout.
import { createHmac } from "node:crypto";
import { request as httpRequest, type ClientRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { EmittedEvent } from "./answer.js";
import type { JsonObject } from "./spec.js";

/** Where one event goes. */
export interface DeliveryTarget {
  subscription_uuid: string;
  url: string;
  /** null: signed with the account secret. */
  secret: string | null;
}

/** One attempt to deliver one event to one subscription, as `deliveries()` and `GET /__mock/webhooks` show it. */
export interface WebhookDeliveryAttempt {
  event: string;
  subscription_uuid: string;
  url: string;
  /** 1 for the first try, 2 for the first retry, ... */
  attempt: number;
  /** The receiver's HTTP status; null when it did not answer. */
  status: number | null;
  /** Why there was no answer (timeout, connection refused, not sent); null when there was one. */
  error: string | null;
  /** Whether the receiver acknowledged it (2xx). */
  delivered: boolean;
  /** Which key signed it: the subscription's own secret or the account secret. */
  signed_with: "subscription secret" | "account secret";
  /** When the attempt ended (ISO 8601). */
  at: string;
  /** The body sent, parsed. */
  payload: JsonObject;
}

export interface WebhookDeliveryOptions {
  accountSecret: string;
  /** The wait before each retry, in ms; its length is the number of retries. */
  retryDelays: readonly number[];
  /** How long a receiver may take to answer, in ms. */
  timeout: number;
  /** The subscriptions an event goes to, read when it is dispatched. */
  targets(event: EmittedEvent): DeliveryTarget[];
  /** Problems with a payload against the spec's webhook (none: it is fine). */
  check(event: EmittedEvent, payload: JsonObject): string[];
  onProblem(event: EmittedEvent, problems: string[]): void;
  /** How many attempts the log keeps, the latest ones (default 1000), so a long-running mock does not grow. */
  logLimit?: number;
  /** Runs `run` after `ms`; returns a cancel. Tests pass one that records the waits. */
  schedule?(run: () => void, ms: number): () => void;
}

/** Leat's defaults are not documented: 1 s, then doubling, five retries (Leat says "up to five", "increasing"). */
export const DEFAULT_RETRY_DELAYS: readonly number[] = [1000, 2000, 4000, 8000, 16000];
export const DEFAULT_WEBHOOK_TIMEOUT = 10_000;
export const DEFAULT_WEBHOOK_SECRET = "leat-mock-webhook-secret";
export const DEFAULT_LOG_LIMIT = 1000;

// RFC 2606 / 6761 names: the spec's examples subscribe https://shop.example.com, which the mock never calls.
const RESERVED = /(^|\.)(example\.(com|net|org)|example|test|invalid)\.?$/i;

/**
 * PHP's `json_encode`, which Leat signs: `/` as `\/` and every non-ASCII character as a
 * `\uXXXX` escape. A receiver that re-serializes the JSON before checking fails here as it
 * would against Leat.
 */
export function phpJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, "\\/")
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function sign(body: Buffer, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

const defaultSchedule = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

type Outcome = { status: number; error: null } | { status: null; error: string };

export class WebhookDelivery {
  private readonly attempts: WebhookDeliveryAttempt[] = [];
  private readonly cancels = new Set<() => void>();
  private readonly inFlight = new Set<ClientRequest>();
  private pending = 0;
  private waiters: (() => void)[] = [];
  /** Bumped by stop(): callbacks of an earlier generation do nothing. */
  private generation = 0;
  private closed = false;

  constructor(private readonly options: WebhookDeliveryOptions) {}

  /** Queues every event for its subscriptions; returns at once. */
  dispatch(events: readonly EmittedEvent[]): void {
    if (this.closed) return;
    for (const event of events) {
      const targets = this.options.targets(event);
      // An event no subscription wants is never sent, so there is nothing to encode or check.
      if (targets.length === 0) continue;
      const payload: JsonObject = { type: event.event, data: event.data };
      const problems = this.options.check(event, payload);
      if (problems.length > 0) this.options.onProblem(event, problems);
      const body = Buffer.from(phpJson(payload));
      for (const target of targets) this.queue(event, payload, body, target, 1, 0);
    }
  }

  /** Every attempt so far, oldest first. */
  log(): WebhookDeliveryAttempt[] {
    return this.attempts.map((a) => ({ ...a }));
  }

  /** Resolves when no delivery is under way or waiting to be retried. */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Drops every pending retry and cuts every delivery under way; with `clear`, forgets the log. */
  stop(clear: boolean): void {
    this.generation++;
    for (const cancel of this.cancels) cancel();
    this.cancels.clear();
    for (const request of this.inFlight) request.destroy();
    this.inFlight.clear();
    if (clear) this.attempts.length = 0;
    this.pending = 0;
    this.settle();
  }

  close(): void {
    this.closed = true;
    this.stop(false);
  }

  private settle(): void {
    if (this.pending !== 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private queue(event: EmittedEvent, payload: JsonObject, body: Buffer, target: DeliveryTarget, attempt: number, wait: number): void {
    const generation = this.generation;
    const schedule = this.options.schedule ?? defaultSchedule;
    this.pending++;
    const cancel = schedule(() => {
      this.cancels.delete(cancel);
      if (generation !== this.generation) return;
      void this.attempt(target, body).then((outcome) => {
        if (generation !== this.generation) return;
        const delivered = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
        this.attempts.push({
          event: event.event,
          subscription_uuid: target.subscription_uuid,
          url: target.url,
          attempt,
          status: outcome.status,
          error: outcome.error,
          delivered,
          signed_with: target.secret === null ? "account secret" : "subscription secret",
          at: new Date().toISOString(),
          payload,
        });
        if (this.attempts.length > (this.options.logLimit ?? DEFAULT_LOG_LIMIT)) this.attempts.shift();
        const retryable = !delivered && !outcome.error?.startsWith("not sent");
        const delay = this.options.retryDelays[attempt - 1];
        if (retryable && delay !== undefined && !this.closed) this.queue(event, payload, body, target, attempt + 1, delay);
        this.pending--;
        this.settle();
      });
    }, wait);
    this.cancels.add(cancel);
  }

  private attempt(target: DeliveryTarget, body: Buffer): Promise<Outcome> {
    let url: URL;
    try {
      url = new URL(target.url);
    } catch {
      return Promise.resolve({ status: null, error: "not sent: the URL is not valid" });
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return Promise.resolve({ status: null, error: `not sent: ${url.protocol} is not http or https` });
    if (RESERVED.test(url.hostname)) return Promise.resolve({ status: null, error: `not sent: ${url.hostname} is a reserved example domain` });
    const signature = sign(body, target.secret ?? this.options.accountSecret);
    return new Promise((resolve) => {
      let outcome: Outcome | null = null;
      const finish = (result: Outcome) => {
        if (outcome) return;
        outcome = result;
        resolve(result);
      };
      const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, {
        method: "POST",
        agent: false,
        headers: { "content-type": "application/json", "content-length": body.length, signature, "user-agent": "leat-mock" },
      });
      this.inFlight.add(request);
      // One budget for the whole exchange: a receiver that never answers, or never ends its answer, is cut off.
      const timer = setTimeout(() => {
        finish({ status: null, error: `timeout: no answer within ${this.options.timeout} ms` });
        request.destroy();
      }, this.options.timeout);
      const done = () => {
        clearTimeout(timer);
        this.inFlight.delete(request);
      };
      request.on("response", (response) => {
        finish({ status: response.statusCode ?? 0, error: null });
        response.on("close", done);
        response.resume();
      });
      request.on("error", (error: NodeJS.ErrnoException) => {
        done();
        finish({ status: null, error: error.code ?? error.message });
      });
      request.on("close", () => {
        if (!outcome) {
          done();
          finish({ status: null, error: "the connection closed without an answer" });
        }
      });
      request.end(body);
    });
  }
}
