// Types of pipeline.mjs, for the TypeScript tests and the bench (which type-checks its JS).
import type { Operation } from "@leat-openapi/spec-reader";

export interface Layout {
  work: string;
  root: string;
  bundle: string;
  schema: string;
  consumer: string;
  docs: string;
  client: string;
  samples: string;
  runnable: string;
}
export type TimedStage = "bundle" | "lint" | "types" | "typecheck" | "docs" | "mock";
export declare const TIMED_STAGES: TimedStage[];
export declare function layout(work: string): Layout;
export declare function bundle(work: string): string;
export declare function lint(work: string): void;
export declare function types(work: string): string;
/** @returns how many success bodies the consumer file names */
export declare function typecheck(work: string): number;
export declare function docs(work: string): string;
export declare function client(work: string): string;
/** @returns the TypeScript sample files */
export declare function samples(work: string): Promise<string[]>;
export declare function runnableSamples(work: string): Promise<{ operationId: string; file: string }[]>;
export declare function exampleRequest(op: Operation): { method: string; url: string; body: string | undefined; success: number[] };
export declare function mockServerModule(): Promise<typeof import("@leat-openapi/mock-server")>;
/** @returns milliseconds from import to the first answer, in a fresh process */
export declare function mockStartup(work: string): number;
export declare function runStage(stage: string, work: string): unknown;
export declare function readBundle(work: string): unknown;
export declare function runSamples(files: string[], env: Record<string, string>): Promise<{ file: string; ok: boolean; stdout: string; error?: string }[]>;
