let stampedAt = Number.NaN;
let stamp = "";

/**
 * Leat's timestamps: ISO 8601 in UTC with microseconds. Formatting a date costs more than
 * the rest of a create, and creates under load come many per millisecond, so the last
 * millisecond's text is kept.
 */
export function timestamp(epochMs = Date.now()): string {
  if (epochMs !== stampedAt) {
    stampedAt = epochMs;
    // toISOString always ends in `.sssZ`; Leat writes microseconds, of which we know none.
    stamp = `${new Date(epochMs).toISOString().slice(0, -1)}000Z`;
  }
  return stamp;
}

/** The other timestamp Leat writes (contacts, attributes): ISO 8601 to the second with an explicit `+00:00` offset. */
export function secondsTimestamp(epochMs = Date.now()): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}+00:00`;
}
