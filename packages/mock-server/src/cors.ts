// Browsers may call the mock, as they may call Leat: every answer allows any origin, and a
// preflight (OPTIONS with Access-Control-Request-Method) is answered without a token.
import type { IncomingMessage, OutgoingHttpHeaders } from "node:http";

export const ALLOW_ORIGIN = "*";

const ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Prefer, X-Partner-ID";

/** The preflight answer for a path whose methods are `allow`. */
export function preflightHeaders(request: IncomingMessage, allow: string): OutgoingHttpHeaders {
  return {
    "access-control-allow-origin": ALLOW_ORIGIN,
    "access-control-allow-methods": allow,
    // Echo what the browser asks for: the mock reads only the headers above, but refusing others would only break a client.
    "access-control-allow-headers": request.headers["access-control-request-headers"] ?? ALLOWED_HEADERS,
    "access-control-max-age": "600",
    allow,
    "content-length": 0,
  };
}
