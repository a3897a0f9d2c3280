import type { paths } from "./generated/schema.js";

/** The path parameters the spec declares for `P`, or none. */
type PathParams<P extends keyof paths> = paths[P]["parameters"] extends { path: infer T } ? [params: T] : [];

/**
 * A path of the spec with its parameters filled in and encoded. `P` must be one of the spec's
 * paths, so a path renamed or removed in the spec stops the resource methods from compiling.
 */
export function route<P extends keyof paths>(path: P, ...[params]: PathParams<P>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent((params as Record<string, string>)[name]!));
}
