// Types of generate.mjs, for the TypeScript tests and the bench (which type-checks its JS).
export declare const repoRoot: string;
/** The file name spec/paths/ gives a path: without the leading `/`, other `/` as `_`. */
export declare function pathFile(path: string): string;
export interface GenerateOptions {
  /** Folder to write (emptied first): it gets spec/ and redocly.yaml. */
  out: string;
  /** Operations in all, the real spec's included. Default 170. */
  operations?: number;
  /** Resources (tags) in all, the real spec's included. Default 40. */
  resources?: number;
  /** Webhook events. Default 12 per 170 operations, rounded. */
  webhooks?: number;
  /** Seed of the pseudo-random choices. Default 1. */
  seed?: number;
}
export interface GeneratedSpec {
  root: string;
  redocly: string;
  operations: number;
  resources: number;
  webhooks: number;
}
export declare function generateSpec(options: GenerateOptions): GeneratedSpec;
/** The real spec's operations, which every synthetic spec keeps: the smallest size it can have. */
/** The real paths every synthetic spec keeps (the mock's modules need their operations). */
export declare const KEPT_PATHS: Set<string>;
export declare function realOperationCount(): number;
