// Sends answers: JSON as Leat sends it (no charset), the rate-limit and CORS headers on every
// response, and, when asked, a check of each response against the spec before it goes out.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { Serialized, type Answer } from "./answer.js";
import { ALLOW_ORIGIN } from "./cors.js";
import type { OperationInfo, SpecModel } from "./model.js";
import { checkResponse, type ResponseMismatch } from "./response-check.js";

export class Responder {
  closing = false;

  constructor(
    private readonly model: SpecModel,
    readonly rateLimit: string,
    readonly rateRemaining: string,
    private readonly onMismatch: ((mismatch: ResponseMismatch) => void) | null,
  ) {}

  /** `op` null: no operation matched (404, 405, the mock's own routes); `checked` false skips the spec check (the mock's own routes). */
  send(request: IncomingMessage, response: ServerResponse, answer: Answer, op: OperationInfo | null, checked = true): void {
    const text = answer.body instanceof Serialized ? answer.body.text : JSON.stringify(answer.body);
    // A literal of one shape every time: cheaper than spreading shared header objects.
    const headers: OutgoingHttpHeaders = {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
      "x-ratelimit-limit": this.rateLimit,
      "x-ratelimit-remaining": this.rateRemaining,
      "access-control-allow-origin": ALLOW_ORIGIN,
    };
    if (answer.headers) Object.assign(headers, answer.headers);
    if (this.closing) headers.connection = "close";
    if (this.onMismatch && checked) {
      const problems = checkResponse(this.model, op, { status: answer.status, headers, payload: text });
      if (problems.length > 0) {
        this.onMismatch({ method: request.method ?? "", url: request.url ?? "", operationId: op?.operationId ?? null, status: answer.status, problems });
      }
    }
    response.writeHead(answer.status, headers);
    response.end(text);
  }

  /** A preflight or other answer without a body. */
  sendEmpty(response: ServerResponse, status: number, headers: OutgoingHttpHeaders): void {
    if (this.closing) headers.connection = "close";
    response.writeHead(status, headers);
    response.end();
  }

  fail(request: IncomingMessage, response: ServerResponse, error: unknown): void {
    process.stderr.write(`leat-mock: unexpected error on ${request.method} ${request.url}: ${(error as Error).stack ?? String(error)}\n`);
    if (!response.headersSent) {
      this.send(request, response, { status: 500, body: { message: "The mock server failed; this is a bug in the mock.", status_code: 500 } }, null);
    } else {
      response.destroy();
    }
  }
}
