// The HTTP side of the mock: one route per operation of the spec, the mock's own routes,
// CORS preflights, 404/405, and request logging. It knows no resource: modules do.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Answer, EmittedEvent } from "./answer.js";
import { ADMIN_PREFIX, adminAnswer, type AdminHooks } from "./admin.js";
import { bearerCheck } from "./auth.js";
import { preflightHeaders } from "./cors.js";
import type { SpecModel } from "./model.js";
import { operationRoute, type OperationRoute } from "./operation-route.js";
import { Responder } from "./responder.js";
import type { ResponseMismatch } from "./response-check.js";
import { Router } from "./router.js";
import { answerUnparsableRequests } from "./socket-errors.js";
import type { Store } from "./store.js";

export interface EngineOptions {
  model: SpecModel;
  store: Store;
  save: (() => Promise<void>) | null;
  apiKey: string | undefined;
  /** One line per request on stderr. */
  logger: boolean;
  onMismatch: ((mismatch: ResponseMismatch) => void) | null;
  admin: AdminHooks;
  /** Sends a kept change's webhook events (without waiting for them). */
  emit(events: readonly EmittedEvent[]): void;
}

export interface Engine {
  server: Server;
  /** Stops taking requests; resolves when the open ones are answered. */
  close(): Promise<void>;
}

export function createEngine(options: EngineOptions): Engine {
  const { model } = options;
  const header = (name: string, fallback: number) => String(model.headerExamples.get(name) ?? fallback);
  const responder = new Responder(model, header("X-RateLimit-Limit", 5000), header("X-RateLimit-Remaining", 4999), options.onMismatch);
  const router = new Router<OperationRoute>(model.serverPrefix);
  const deps = {
    model,
    store: options.store,
    authorized: bearerCheck(options.apiKey),
    save: options.save,
    retryAfter: header("Retry-After", 30),
    emit: options.emit,
  };
  for (const op of model.operations) router.add(op.method, op.path, operationRoute(op, deps));

  function deliver(request: IncomingMessage, response: ServerResponse, answer: Answer | Promise<Answer>, route: OperationRoute | null, checked = true): void {
    if (answer instanceof Promise) {
      answer.then(
        (a) => responder.send(request, response, a, route?.op ?? null, checked),
        (error: unknown) => responder.fail(request, response, error),
      );
    } else {
      responder.send(request, response, answer, route?.op ?? null, checked);
    }
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    if (options.logger) {
      const started = performance.now();
      response.on("finish", () =>
        process.stderr.write(`${request.method} ${request.url} ${response.statusCode} ${(performance.now() - started).toFixed(1)}ms\n`),
      );
    }
    try {
      const url = request.url ?? "/";
      const query = url.indexOf("?");
      const path = query < 0 ? url : url.slice(0, query);
      const method = request.method ?? "GET";
      if (path.startsWith(ADMIN_PREFIX)) {
        deliver(request, response, adminAnswer(request, path, options.admin), null, false);
        return;
      }
      const found = router.find(path);
      if (!found) {
        deliver(request, response, { status: 404, body: { message: `No operation at ${method} ${path}.`, status_code: 404 } }, null);
        return;
      }
      const route = found.entry.methods.get(method);
      if (route) {
        deliver(request, response, route.run(request, found.params), route);
      } else if (method === "OPTIONS") {
        responder.sendEmpty(response, 204, preflightHeaders(request, found.entry.allow));
      } else {
        const allow = found.entry.allow;
        const body = { message: `${method} is not allowed on ${found.entry.specPath}; allowed: ${allow}.`, status_code: 405 };
        deliver(request, response, { status: 405, body, headers: { allow } }, null);
      }
    } catch (error) {
      responder.fail(request, response, error);
    }
  }

  const server = createServer(handle);
  answerUnparsableRequests(server, responder.rateLimit, responder.rateRemaining);
  return {
    server,
    close() {
      responder.closing = true;
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
    },
  };
}
