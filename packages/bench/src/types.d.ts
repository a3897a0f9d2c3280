// autocannon ships no types; the bench reads a handful of fields from its result (see rows/mock-throughput.mjs).
declare module "autocannon" {
  const autocannon: (options: Record<string, unknown>) => Promise<unknown>;
  export default autocannon;
}
