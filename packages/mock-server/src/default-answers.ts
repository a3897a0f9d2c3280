import { Serialized, type Answer } from "./answer.js";
import { successStatus, type OperationInfo } from "./model.js";

/**
 * What an operation without rules of its own answers: its lowest success status with that
 * status's first example, serialized once. Null when the spec gives it no example to send.
 */
export function documentedAnswer(op: OperationInfo): Answer | null {
  const status = successStatus(op);
  const example = op.responses.get(status)!.examples[0];
  return example === undefined ? null : { status, body: new Serialized(JSON.stringify(example.value)) };
}
