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

/** What the client core hands over for one call. */
export interface Answer {
  data: unknown;
  envelope: Record<string, unknown>;
  response: Response;
}

const pickData = (answer: Answer) => answer.data;
const ignore = () => {};

function rateLimitOf(headers: Headers): LeatRateLimit | undefined {
  const limit = headers.get("x-ratelimit-limit");
  const remaining = headers.get("x-ratelimit-remaining");
  if (limit === null || remaining === null) return undefined;
  const parsed = { limit: Number(limit), remaining: Number(remaining) };
  return Number.isFinite(parsed.limit) && Number.isFinite(parsed.remaining) ? parsed : undefined;
}

export function toResponse<T>(answer: Answer): LeatResponse<T> {
  const { headers } = answer.response;
  return { data: answer.data as T, response: answer.response, requestId: requestIdOf(headers), rateLimit: rateLimitOf(headers) };
}

/**
 * The data promise rejects like the call; once `withResponse` (or a page) is asked for, the
 * caller handles failures there, so the data promise is marked handled and cannot crash the
 * program with an unhandled rejection nobody could catch.
 */
export function leatPromise<T>(answer: Promise<Answer>): LeatPromise<T> {
  const promise = answer.then(pickData) as LeatPromise<T>;
  promise.withResponse = () => {
    promise.catch(ignore);
    return answer.then(toResponse<T>);
  };
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

export function leatPagePromise<Item, Meta>(
  answer: Promise<Answer>,
  style: string,
  fetchPage: (page: number) => Promise<Answer>,
): LeatPagePromise<Item, Meta> {
  const promise = leatPromise<Item[]>(answer) as LeatPagePromise<Item, Meta>;
  const toPage = (current: Answer): LeatPage<Item, Meta> => {
    const next = nextPageNumber(style, current.envelope.meta);
    // An empty page ends the walk even when the meta says more, so a server that ignores `page`
    // cannot make it loop forever.
    const hasNext = next !== undefined && (current.data as unknown[]).length > 0;
    return {
      ...toResponse<Item[]>(current),
      meta: current.envelope.meta as Meta,
      hasNextPage: () => hasNext,
      getNextPage: () =>
        hasNext ? fetchPage(next).then(toPage) : Promise.reject(new RangeError("This is the last page: check hasNextPage() first")),
    };
  };
  promise.page = () => {
    promise.catch(ignore);
    return answer.then(toPage);
  };
  promise[Symbol.asyncIterator] = async function* () {
    for (let page = await promise.page(); ; page = await page.getNextPage()) {
      yield* page.data;
      if (!page.hasNextPage()) return;
    }
  };
  return promise;
}
