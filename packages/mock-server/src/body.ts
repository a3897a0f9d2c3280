import type { IncomingMessage } from "node:http";
import { formFieldsToObject } from "./form-fields.js";
import type { Json } from "./spec.js";

export const BODY_LIMIT = 1024 * 1024;

/** Why a request body could not be used. The handler answers it as invalid input. */
export class BodyProblem {
  constructor(
    readonly message: string,
    /** True when the media type itself is the problem; the answer then lists the accepted ones. */
    readonly wrongType = false,
  ) {}
}

const MEDIA_TYPE = /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/;

/** The media type of a request (`application/json`), lower-cased, without parameters. */
export function mediaTypeOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const end = header.indexOf(";");
  return (end < 0 ? header : header.slice(0, end)).trim().toLowerCase();
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers["content-length"];
  return request.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

/** Multipart fields as strings, read like a form; a file part is refused, since no operation takes one. */
async function parseMultipart(header: string, data: Buffer): Promise<Json | BodyProblem> {
  let form: FormData;
  try {
    form = await new Response(data, { headers: { "content-type": header } }).formData();
  } catch (error) {
    return new BodyProblem(`The multipart body could not be read: ${(error as Error).message}`);
  }
  const fields: [string, string][] = [];
  for (const [key, value] of form) {
    if (typeof value !== "string") return new BodyProblem(`The multipart field ${key} is a file; only text fields are accepted.`);
    fields.push([key, value]);
  }
  return formFieldsToObject(fields);
}

function parse(type: string, text: string): Json | undefined | BodyProblem {
  if (type === "application/x-www-form-urlencoded") {
    return formFieldsToObject(new URLSearchParams(text));
  }
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  try {
    return JSON.parse(trimmed) as Json;
  } catch (error) {
    return new BodyProblem(`The body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Reads and parses a body in one of the `accepted` media types (JSON, form-encoded or multipart).
 * Never rejects: whatever is wrong with the body comes back as a BodyProblem. Resolves
 * undefined when there is no body.
 */
export function readBody(request: IncomingMessage, accepted: readonly string[]): Promise<Json | undefined | BodyProblem> {
  const header = request.headers["content-type"];
  const type = mediaTypeOf(header);
  if (!hasBody(request)) return Promise.resolve(undefined);
  if (type === undefined) return Promise.resolve(new BodyProblem("The body has no Content-Type.", true));
  if (!MEDIA_TYPE.test(type)) return Promise.resolve(new BodyProblem("The Content-Type header is malformed.", true));
  if (!accepted.includes(type)) return Promise.resolve(new BodyProblem(`The Content-Type ${header} is not accepted.`, true));
  const tooLarge = new BodyProblem("The body is larger than the 1 MiB the mock accepts.");
  if (Number(request.headers["content-length"]) > BODY_LIMIT) return Promise.resolve(tooLarge);

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        // Stop keeping it; Node drains the rest once the answer is sent.
        request.off("data", onData);
        request.off("end", onEnd);
        request.resume();
        resolve(tooLarge);
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => {
      // A small body usually arrives in one chunk, which needs no copying.
      const data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      if (type === "multipart/form-data") void parseMultipart(header!, data).then(resolve);
      else resolve(parse(type, data.toString("utf8")));
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", () => resolve(new BodyProblem("The body could not be read.")));
  });
}
