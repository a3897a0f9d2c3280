// The client's log lines: which levels are on, and where they go.

export type LeatLogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Where log lines go; `console` fits, as do pino and winston loggers. */
export interface LeatLogger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

/** The enabled levels only: a level that is off is undefined, so a call site pays one check. */
export interface Log {
  error?: (message: string) => void;
  warn?: (message: string) => void;
  info?: (message: string) => void;
  debug?: (message: string) => void;
}

const LEVELS = ["off", "error", "warn", "info", "debug"] as const;

/**
 * The log for a client: `logLevel` if given, else the LEAT_LOG environment variable where there
 * is one, else off (undefined). Every line goes through `redact`.
 */
export function createLog(
  logLevel: unknown,
  logger: unknown,
  redact: (text: string) => string,
): Log | undefined {
  const fromEnv = logLevel === undefined ? environmentLevel() : undefined;
  const level = logLevel ?? fromEnv ?? "off";
  const rank = LEVELS.indexOf(level as LeatLogLevel);
  if (rank < 0) {
    const where = logLevel === undefined ? "the LEAT_LOG environment variable" : "`logLevel`";
    throw new TypeError(`createLeatClient: ${where} must be one of ${LEVELS.join(", ")}, got ${JSON.stringify(level)}`);
  }
  const sink = (logger ?? console) as Partial<LeatLogger>;
  if (typeof sink !== "object" || sink === null) throw new TypeError("createLeatClient: `logger` must be an object with error, warn, info and debug methods");
  if (rank === 0) return undefined;
  const log: Log = {};
  for (const name of ["error", "warn", "info", "debug"] as const) {
    if (LEVELS.indexOf(name) > rank) continue;
    if (typeof sink[name] !== "function") throw new TypeError(`createLeatClient: \`logger\` has no ${name} method`);
    log[name] = (message) => sink[name]!(`[leat] ${redact(message)}`);
  }
  return log;
}

// Node, Deno (with env access) and Bun have an environment; browsers and edge runtimes do not.
type WithEnvironment = { process?: { env?: Record<string, string | undefined> } };

function environmentLevel(): string | undefined {
  try {
    const value = (globalThis as WithEnvironment).process?.env?.LEAT_LOG;
    return value === undefined || value === "" ? undefined : value.trim().toLowerCase();
  } catch {
    // Deno without --allow-env throws on reading the environment.
    return undefined;
  }
}
