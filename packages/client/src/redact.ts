// Takes the API key out of text that came from outside (a server's message, a low-level error)
// before the client keeps it in an error or a log line.

/** Below this length a key can occur inside ordinary words ("t" in "Attempts"). */
const MIN_ANYWHERE = 8;
const MASK = "[redacted]";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A function that replaces the key with `[redacted]`. A key of 8 characters or more (every real
 * token) goes wherever it appears, as typed or percent-encoded: text without it is untouched. A
 * shorter one only where a key is sent: after `Bearer `, and as a whole path segment or query
 * value of a URL, so that it cannot cut words of a message apart.
 */
export function createRedactor(key: string): (text: string) => string {
  const forms = [...new Set([key, encodeURIComponent(key)])].map(escape).join("|");
  if (key.length >= MIN_ANYWHERE) {
    const anywhere = new RegExp(forms, "g");
    return (text) => text.replace(anywhere, MASK);
  }
  const bearer = new RegExp(`(\\bBearer\\s+)(?:${forms})(?![^\\s"',;])`, "gi");
  const url = /\bhttps?:\/\/[^\s"'<>]+/gi;
  // A URL part between delimiters, e.g. `/t/` or `?key=t&`.
  const part = new RegExp(`(^|[/?&=#;:@])(?:${forms})(?=$|[/?&=#;])`, "g");
  return (text) => text.replace(bearer, `$1${MASK}`).replace(url, (found) => found.replace(part, `$1${MASK}`));
}
