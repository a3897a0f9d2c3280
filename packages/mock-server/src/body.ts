import type { FastifyInstance } from "fastify";

/** Where a request body could not be read. The handler answers it as invalid input. */
export class BodyProblem {
  constructor(
    readonly message: string,
    /** True when the media type itself is the problem; the answer then lists the accepted ones. */
    readonly wrongType = false,
  ) {}
}

export const BODY_LIMIT = 1024 * 1024;

export function describeBodyError(error: { code?: string; message: string }, accepted: string[]): string {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return "The body is larger than the 1 MiB the mock accepts.";
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return `The Content-Type header is malformed; send ${accepted.join(" or ")}.`;
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return "The Content-Length header does not match the body.";
    default:
      return `The body could not be read: ${error.message}`;
  }
}

/**
 * Body parsing never throws for content the mock can read: a parse failure becomes a
 * BodyProblem, so the handler can check the token first, as the API does, and then answer
 * with the operation's own invalid-input error.
 */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string", bodyLimit: BODY_LIMIT }, (_req, body, done) => {
    const text = (body as string).trim();
    if (text === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(null, new BodyProblem(`The body is not valid JSON: ${(error as Error).message}`));
    }
  });
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: BODY_LIMIT },
    (_req, body, done) => {
      const fields: Record<string, string> = {};
      // Repeated fields: the last one wins, as in PHP.
      for (const [key, value] of new URLSearchParams(body as string)) fields[key] = value;
      done(null, fields);
    },
  );
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: BODY_LIMIT }, (req, _body, done) => {
    const type = req.headers["content-type"];
    done(null, new BodyProblem(type ? `The Content-Type ${type} is not accepted.` : "The body has no Content-Type.", true));
  });
}
