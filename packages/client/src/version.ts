// tsup (and vitest) replace this identifier with the package version at build time, so the
// client never reads package.json at run time.
declare const __LEAT_CLIENT_VERSION__: string | undefined;

export const CLIENT_VERSION: string =
  typeof __LEAT_CLIENT_VERSION__ === "string" ? __LEAT_CLIENT_VERSION__ : "0.0.0-dev";
