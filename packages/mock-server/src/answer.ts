import type { IncomingMessage, OutgoingHttpHeaders } from "node:http";
import type { Json, JsonObject } from "./spec.js";

/** A body serialized ahead of time, for answers that rarely change. */
export class Serialized {
  constructor(readonly text: string) {}
}

/** What the mock sends; `body` goes out as JSON. */
export interface Answer {
  status: number;
  body: Json | Serialized;
  headers?: OutgoingHttpHeaders;
}

/** A webhook event the change makes Leat send: `event` is a key of the spec's `webhooks`, `data` its payload's object. */
export interface EmittedEvent {
  event: string;
  data: JsonObject;
  /**
   * For `contact_updated`: the contact attributes the change touched. A subscription that
   * watches attributes gets the event only when one of them is here; left out, every
   * subscription to the event gets it.
   */
  attributes?: readonly string[];
}

/** An answer that changed the state: it is saved (with `--data`) before it is sent, and `undo` runs if that fails. */
export interface Change extends Answer {
  undo(): void;
  /** Webhook events this change causes; delivered to the matching subscriptions only once the change is saved. */
  events?: readonly EmittedEvent[];
}

/** A request that passed authentication and validation. */
export interface Call {
  request: IncomingMessage;
  /** Path parameters, decoded. */
  params: Record<string, string>;
  /** Query fields, brackets read as PHP does (`filter[name]=x` -> `{ filter: { name: "x" } }`). */
  query: JsonObject;
  /** The validated body (JSON, form or multipart fields); undefined for operations without one. */
  body: JsonObject | undefined;
}

export type Handler = (call: Call) => Answer | Change | Promise<Answer | Change>;

export function isChange(answer: Answer): answer is Change {
  return typeof (answer as Partial<Change>).undo === "function";
}
