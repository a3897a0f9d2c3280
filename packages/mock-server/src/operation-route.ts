// The pipeline every operation runs, in Leat's order: token, Prefer scenario, parameters,
// body, then the module's rules or the documented example, then saving a change.
import type { IncomingMessage } from "node:http";
import { isChange, type Answer, type Call, type Change, type EmittedEvent } from "./answer.js";
import { documentedAnswer } from "./default-answers.js";
import { apiErrorBody, type FieldErrors } from "./errors.js";
import type { OperationInfo, SpecModel } from "./model.js";
import { preferredAnswer } from "./prefer.js";
import type { Store } from "./store.js";
import { bodyCheck, parameterCheck } from "./validation.js";

export interface RouteDeps {
  model: SpecModel;
  store: Store;
  authorized(header: string | undefined): boolean;
  /** Saves the state (with `--data`); null when nothing is persisted. */
  save: (() => Promise<void>) | null;
  retryAfter: string;
  /** Sends the webhook events of a change that was kept (saved, when there is a data file). */
  emit(events: readonly EmittedEvent[]): void;
}

export interface OperationRoute {
  op: OperationInfo;
  run(request: IncomingMessage, params: Record<string, string>): Answer | Promise<Answer>;
}

export function operationRoute(op: OperationInfo, deps: RouteDeps): OperationRoute {
  const { store, save } = deps;
  const unauthorizedExample = op.responses.get(401)?.examples[0]?.value;
  const unauthorized: Answer = {
    status: 401,
    body: unauthorizedExample ?? { message: "Unauthenticated.", status_code: 401 },
    headers: { "www-authenticate": "Bearer" },
  };
  const invalid = (errors: FieldErrors): Answer => ({ status: 400, body: apiErrorBody(deps.model.errors, "InvalidInput", errors) });
  const checkParameters = parameterCheck(op);
  const checkBody = op.body ? bodyCheck(op) : null;
  let documented: Answer | null | undefined;

  // Events go out only for a change that stays: after its save, never after an undo.
  const kept = (change: Change): Change => {
    if (change.events?.length) deps.emit(change.events);
    return change;
  };

  const persist = (change: Change): Promise<Answer> =>
    save!().then(
      () => kept(change),
      (error: unknown): Answer => {
        // Undo, so memory and disk agree and a client's retry of this 503 can succeed.
        change.undo();
        process.stderr.write(`leat-mock: could not save the state: ${(error as Error).message}\n`);
        return { status: 503, body: { message: `The mock could not save its state: ${(error as Error).message}` } };
      },
    );

  const settle = (result: Answer | Change): Answer | Promise<Answer> => (!isChange(result) ? result : save ? persist(result) : kept(result));

  const answer = (call: Call): Answer | Promise<Answer> => {
    const handler = store.handler(op.operationId);
    if (handler) {
      const result = handler(call);
      return result instanceof Promise ? result.then(settle) : settle(result);
    }
    documented ??= documentedAnswer(op);
    return documented ?? { status: 501, body: { message: `${op.method} ${op.path} documents no success example to answer with.`, status_code: 501 } };
  };

  return {
    op,
    run(request, params) {
      if (!deps.authorized(request.headers.authorization)) return unauthorized;
      if (request.headers.prefer !== undefined) {
        const preferred = preferredAnswer(op, request.headers.prefer, deps.retryAfter);
        if (preferred) return preferred;
      }
      const { errors, query } = checkParameters(request, params);
      if (errors) return invalid(errors);
      if (!checkBody) return answer({ request, params, query, body: undefined });
      return checkBody(request).then((read) => ("errors" in read ? invalid(read.errors) : answer({ request, params, query, body: read.body })));
    },
  };
}
