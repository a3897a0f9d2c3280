import { PARTS, partOf } from "./plan.mjs";

// Judges what the PHP runner brought back and prints it: a call passes when the SDK returned
// the model the map expects, or threw its PiggyRequestException with a code the operation
// documents (x-error-codes). PHP warnings are not failures, but "Undefined property" ones
// are the SDK reading a field the answer lacks: sorted into fields the spec does not describe
// (evidence for the spec) and optional fields the example answer leaves out.

/** Every property name a schema (or anything below it) describes. */
export function propertyNames(spec, schema, names = new Set(), seen = new Set()) {
  if (!schema || typeof schema !== "object" || seen.has(schema)) return names;
  seen.add(schema);
  if (typeof schema.$ref === "string") return propertyNames(spec, spec.resolve(schema).value, names, seen);
  for (const name of Object.keys(schema.properties ?? {})) names.add(name);
  for (const value of Object.values(schema)) {
    if (value && typeof value === "object") propertyNames(spec, value, names, seen);
  }
  return names;
}

const INVALID_INPUT = 1003;
const UNDEFINED_PROPERTY = /^Undefined property: stdClass::\$(\w+)$/;

/** The verdict on one call: { ok, result, notes }. */
export function judge(spec, planned, outcome) {
  const notes = [];
  const op = spec.operation(planned.operationId);
  const described = propertyNames(
    spec,
    Object.entries(op.responses)
      .filter(([status]) => /^2\d\d$/.test(status))
      .map(([, response]) => response.content["application/json"]?.schema),
  );
  for (const warning of outcome.warnings ?? []) {
    const file = warning.file.replace(/^.*\/src\//, "src/");
    const field = UNDEFINED_PROPERTY.exec(warning.message)?.[1];
    if (field && !described.has(field)) notes.push({ kind: "spec-lacks", field, file, line: warning.line });
    else if (field) notes.push({ kind: "answer-lacks", field, file, line: warning.line });
    else notes.push({ kind: "warning", message: warning.message, file, line: warning.line });
  }
  switch (outcome.outcome) {
    case "returned":
      return { ok: true, result: `returned ${outcome.detail}`, notes };
    case "error": {
      // The arguments are the spec's own valid examples, so "invalid input" (1003) means the
      // request the SDK built is refused, never an answer the call may end with.
      const documented = planned.errorCodes.includes(outcome.code) && outcome.code !== INVALID_INPUT;
      const fields = outcome.errors ? ` ${JSON.stringify(outcome.errors)}` : "";
      const what = `SDK exception, code ${outcome.code} (HTTP ${outcome.status}): ${outcome.detail}${fields}`;
      const why = outcome.code === INVALID_INPUT ? "the SDK's request is refused" : `not a code ${planned.operationId} documents`;
      return { ok: documented, result: documented ? what : `${what}; ${why}`, notes };
    }
    case "unexpected":
      return { ok: false, result: `returned ${outcome.detail}, expected ${planned.returns}`, notes };
    default:
      return { ok: false, result: `failed: ${outcome.detail}`, notes };
  }
}

/** SDK resource methods the runner found that neither the map nor the exclusion list names. */
export function unmappedMethods(plan, excluded, methods) {
  const named = new Set([...plan.map((p) => p.call), ...excluded.map((e) => e.call)]);
  return methods.filter((m) => !named.has(m));
}

/** The report's lines and its counts; `output` is the PHP runner's { results, methods, missingExcluded }. */
export function report(spec, plan, output, excluded) {
  const byId = new Map(output.results.map((o) => [o.id, o]));
  const lines = [];
  const counts = { passed: 0, failed: 0, excluded: excluded.length };
  const findings = [];
  const seen = new Set();
  const causes = new Map();
  const order = Object.keys(PARTS);
  let part;
  for (const planned of [...plan].sort((a, b) => order.indexOf(a.part) - order.indexOf(b.part))) {
    if (planned.part !== part) {
      part = planned.part;
      const inPart = spec.operations().filter((op) => partOf(spec, op.operationId) === part);
      const called = new Set([...plan, ...excluded.map((e) => ({ ...e, part: partOf(spec, e.operationId) }))].filter((p) => p.part === part).map((p) => p.operationId));
      lines.push("", `## ${part} (the SDK calls ${called.size} of its ${inPart.length} operations)`, "", "| SDK call | operationId | result |", "|---|---|---|");
    }
    const outcome = byId.get(planned.id) ?? { outcome: "failed", detail: "the PHP runner gave no result", warnings: [] };
    const verdict = judge(spec, planned, outcome);
    counts[verdict.ok ? "passed" : "failed"] += 1;
    if (!verdict.ok) causes.set(verdict.result, [...(causes.get(verdict.result) ?? []), planned.call]);
    lines.push(`| \`$client->${planned.call}()\` | ${planned.operationId} | ${verdict.ok ? "ok" : "FAIL"}: ${verdict.result.replaceAll("|", "\\|")} |`);
    for (const note of verdict.notes) {
      const key = JSON.stringify([planned.operationId, note.field ?? note.message, note.file, note.line]);
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({ ...note, call: planned.call, operationId: planned.operationId });
    }
  }
  const shared = [...causes].filter(([, calls]) => calls.length > 1).sort((a, b) => b[1].length - a[1].length);
  if (shared.length > 0) {
    lines.push("", "## Failures that share a cause", "");
    for (const [result, calls] of shared) lines.push(`- ${calls.length} calls: ${result}`);
  }
  lines.push("", "## Excluded (the SDK is wrong here)", "");
  for (const entry of excluded) lines.push(`- \`${entry.call}()\` -> ${entry.operationId}: excluded: ${entry.reason}`);
  const lacks = findings.filter((f) => f.kind === "spec-lacks");
  const optional = findings.filter((f) => f.kind === "answer-lacks");
  const other = findings.filter((f) => f.kind === "warning");
  if (lacks.length > 0) {
    lines.push("", "## Fields the SDK reads that the operation's response schema describes nowhere", "");
    for (const f of lacks) lines.push(`- ${f.operationId} (\`${f.call}\`): \`${f.field}\`, read in ${f.file}:${f.line}`);
  }
  if (optional.length > 0) {
    lines.push("", "## Fields the SDK reads that the mock's answer leaves out (the response schema has a property of that name, perhaps on another object)", "");
    for (const f of optional) lines.push(`- ${f.operationId} (\`${f.call}\`): \`${f.field}\`, read in ${f.file}:${f.line}`);
  }
  if (other.length > 0) {
    lines.push("", "## Other PHP warnings", "");
    for (const f of other) lines.push(`- ${f.operationId} (\`${f.call}\`): ${f.message} (${f.file}:${f.line})`);
  }
  const unmapped = unmappedMethods(plan, excluded, output.methods ?? []);
  if (unmapped.length > 0) {
    lines.push("", "## SDK methods the map does not name (add them to sdk-calls.json or sdk-excluded.json)", "");
    for (const call of unmapped) lines.push(`- \`$client->${call}()\``);
  }
  const missing = output.missingExcluded ?? [];
  if (missing.length > 0) {
    lines.push("", "## Excluded calls this SDK does not have (sdk-excluded.json is out of date)", "");
    for (const call of missing) lines.push(`- \`${call}\``);
  }
  counts.unmapped = unmapped.length;
  counts.staleExclusions = missing.length;
  lines.push("", `${counts.passed} passed, ${counts.failed} failed, ${counts.excluded} excluded (${plan.length + excluded.length} SDK calls)`);
  return { lines, counts, findings };
}
