// Reads one resource's rows of the generated operations table (format: scripts/generate.mjs,
// operationsTable), only when that resource is first used.
import { OPERATIONS } from "../generated/operations.js";

export interface Row {
  name: string;
  httpMethod: string;
  path: string;
  /** What `data` must be: "a" array, "o" object, "n" object or null, "" anything. */
  dataKind: string;
  /** "b" required body, "b?" optional body. */
  body: string | undefined;
  query: boolean;
  /** Set when one object holds both: the names that go to the query string. */
  queryNames: string[] | undefined;
  style: string | undefined;
}

const VERBS: Record<string, string> = { G: "GET", P: "POST", U: "PUT", A: "PATCH", D: "DELETE" };

export const resourceNames = (): string[] => Object.keys(OPERATIONS);

export function rowsOf(resource: string): Row[] {
  const [prefix, ...rows] = OPERATIONS[resource]!;
  return rows.map((row) => {
    const [name, verbPath, ...flags] = row.split(" ") as [string, string, ...string[]];
    const kind = flags.find((flag) => /^[an-]$/.test(flag));
    return {
      name,
      httpMethod: VERBS[verbPath[0]!]!,
      path: prefix + verbPath.slice(1),
      dataKind: kind === "-" ? "" : (kind ?? "o"),
      body: flags.find((flag) => flag[0] === "b"),
      query: flags.includes("q"),
      queryNames: flags.find((flag) => flag.startsWith("q="))?.slice(2).split(","),
      style: flags.find((flag) => flag.startsWith("p="))?.slice(2),
    };
  });
}
