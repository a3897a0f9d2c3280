// What every generated method returns: a promise of the envelope's `data` that can also give the
// whole answer (`withResponse`), and, for paginated lists, its page and every item of every page.
import { requestIdOf } from "../errors.js";

/** X-RateLimit-Limit and X-RateLimit-Remaining of one response. */
export interface LeatRateLimit {
  limit: number;
  remaining: number;
}

/** `data` with the response it came in (its body already read). */
export interface LeatResponse<T> {
  data: T;
  response: Response;
  /** The response's request id header, when it has one. */
  requestId: string | undefined;
  /** From X-RateLimit-Limit / X-RateLimit-Remaining; `undefined` when either is missing. */
  rateLimit: LeatRateLimit | undefined;
}

/** A promise of the response's `data`; `.withResponse()` gives the response as well. */
export interface LeatPromise<T> extends Promise<T> {
  withResponse(): Promise<LeatResponse<T>>;
}

/** One page of a paginated list. */
export interface LeatPage<Item, Meta> extends LeatResponse<Item[]> {
  /** The pagination meta as the API sent it (its shape depends on the list's style). */
  meta: Meta;
  /** Whether the meta says a later page exists. */
  hasNextPage(): boolean;
  /** Fetches the next page with the same parameters and options; rejects when there is none. */
  getNextPage(): Promise<LeatPage<Item, Meta>>;
}

/**
 * A paginated list: awaiting it gives the first page's items; `.page()` gives that page with its
 * `meta`; `for await (const item of ...)` walks every item of every page, fetching as it goes.
 */
export interface LeatPagePromise<Item, Meta> extends LeatPromise<Item[]>, AsyncIterable<Item> {
  page(): Promise<LeatPage<Item, Meta>>;
}

/** What the client core keeps of one answer besides `data`: the parsed body and the response. */
export interface Answer {
  envelope: Record<string, unknown>;
  response: Response;
}

/** Starts one call: resolves to its data, and hands its answer to `keep` first. */
export type Start = (keep: (answer: Answer) => void) => Promise<unknown>;

function rateLimitOf(headers: Headers): LeatRateLimit | undefined {
  const limit = headers.get("x-ratelimit-limit");
  const remaining = headers.get("x-ratelimit-remaining");
  if (limit === null || remaining === null) return undefined;
  const parsed = { limit: Number(limit), remaining: Number(remaining) };
  return Number.isFinite(parsed.limit) && Number.isFinite(parsed.remaining) ? parsed : undefined;
}

function toResponse<T>(answer: Answer, data: T): LeatResponse<T> {
  const { headers } = answer.response;
  return { data, response: answer.response, requestId: requestIdOf(headers), rateLimit: rateLimitOf(headers) };
}

/**
 * A Promise subclass, as openai-node's APIPromise, so `withResponse` sits on its prototype: a
 * property added to each native promise costs more than the call's own work (V8 leaves its fast
 * path). Its `then` makes plain promises (species), so only the call's own promise is one.
 * `withResponse` derives from it: a failure rejects there, and the data promise counts as handled.
 */
class CallPromise<T> extends Promise<T> implements LeatPromise<T> {
  kept: Answer | undefined = undefined;

  static override get [Symbol.species]() {
    return Promise;
  }

  withResponse(): Promise<LeatResponse<T>> {
    return this.then((data) => toResponse(this.kept!, data));
  }
}

export function leatPromise<T>(start: Start): LeatPromise<T> {
  let settle!: [(value: T) => void, (reason: unknown) => void];
  const promise = new CallPromise<T>((resolve, reject) => {
    settle = [resolve, reject];
  });
  start((answer) => {
    promise.kept = answer;
  }).then(settle[0] as (value: unknown) => void, settle[1]);
  return promise;
}

/** Where the page number sits in each pagination style's meta (spec/components/schemas/Meta*.yaml). */
const PAGE_KEY: Record<string, string> = { viewing: "page", "per-page": "page" };
// The "array" style's meta may come as a list, [current_page, from, last_page, per_page, total]
// as Leat's documentation prints it.
const ARRAY_ORDER = ["current_page", "from", "last_page"];

/** The number of the page after this one, or undefined when the meta says it is the last. */
export function nextPageNumber(style: string, meta: unknown): number | undefined {
  let fields = meta as Record<string, unknown> | undefined;
  if (Array.isArray(meta)) fields = style === "array" ? Object.fromEntries(ARRAY_ORDER.map((key, i) => [key, meta[i]])) : undefined;
  if (!fields || typeof fields !== "object") return undefined;
  const current = Number(fields[PAGE_KEY[style] ?? "current_page"]);
  const last = Number(fields.last_page);
  return Number.isInteger(current) && Number.isInteger(last) && current < last ? current + 1 : undefined;
}

/** `start` for the first page; `startPage(n)` for page n, with the same arguments otherwise. */
export function leatPagePromise<Item, Meta>(start: Start, style: string, startPage: (page: number) => Start): LeatPagePromise<Item, Meta> {
  const toPage = (current: Answer, data: Item[]): LeatPage<Item, Meta> => {
    const next = nextPageNumber(style, current.envelope.meta);
    // An empty page ends the walk even when the meta says more, so a server that ignores `page`
    // cannot make it loop forever.
    const hasNext = next !== undefined && data.length > 0;
    return {
      ...toResponse(current, data),
      meta: current.envelope.meta as Meta,
      hasNextPage: () => hasNext,
      getNextPage: () =>
        hasNext ? pageOf(startPage(next)) : Promise.reject(new RangeError("This is the last page: check hasNextPage() first")),
    };
  };
  const pageOf = (begin: Start) => {
    let kept: Answer;
    return begin((answer) => {
      kept = answer;
    }).then((data) => toPage(kept, data as Item[]));
  };
  let kept: Answer;
  const promise = leatPromise<Item[]>((keep) =>
    start((answer) => {
      kept = answer;
      keep(answer);
    }),
  ) as LeatPagePromise<Item, Meta>;
  promise.page = () => promise.then((data) => toPage(kept, data));
  promise[Symbol.asyncIterator] = async function* () {
    for (let page = await promise.page(); ; page = await page.getNextPage()) {
      yield* page.data;
      if (!page.hasNextPage()) return;
    }
  };
  return promise;
}
