// The mock's own routes, for test suites in any language: `POST /__mock/reset` (body: a seed,
// or nothing for the seed the mock started from), `GET /__mock/state` (the snapshot) and
// `GET /__mock/examples` (every operation's statuses and the example names Prefer accepts) and
// `GET /__mock/webhooks` (every webhook delivery attempt).
import type { IncomingMessage } from "node:http";
import type { Answer } from "./answer.js";
import { BodyProblem, readBody } from "./body.js";
import type { Json } from "./spec.js";

export const ADMIN_PREFIX = "/__mock/";

export interface AdminHooks {
  reset(seed?: unknown): Promise<void>;
  snapshot(): Json;
  examples(): Json;
  webhooks(): Json;
}

const ROUTES = "POST /__mock/reset, GET /__mock/state, GET /__mock/examples and GET /__mock/webhooks";
const READS: Record<string, keyof AdminHooks> = { "/__mock/state": "snapshot", "/__mock/examples": "examples", "/__mock/webhooks": "webhooks" };

export function adminAnswer(request: IncomingMessage, path: string, hooks: AdminHooks): Answer | Promise<Answer> {
  const method = request.method ?? "GET";
  const read = Object.hasOwn(READS, path) ? READS[path] : undefined;
  if (read !== undefined) {
    if (method !== "GET") return { status: 405, body: { message: `Use GET ${path}.`, status_code: 405 }, headers: { allow: "GET" } };
    return { status: 200, body: (hooks[read] as () => Json)() };
  }
  if (path !== "/__mock/reset") return { status: 404, body: { message: `No mock route ${path}; there are ${ROUTES}.`, status_code: 404 } };
  if (method !== "POST") return { status: 405, body: { message: "Use POST /__mock/reset.", status_code: 405 }, headers: { allow: "POST" } };
  return readBody(request, ["application/json"]).then(async (seed): Promise<Answer> => {
    if (seed instanceof BodyProblem) return { status: 400, body: { message: `seed: ${seed.message}`, status_code: 400 } };
    try {
      await hooks.reset(seed);
    } catch (error) {
      return { status: 400, body: { message: (error as Error).message, status_code: 400 } };
    }
    return { status: 200, body: { message: "The mock's state was reset.", status_code: 200 } };
  });
}
