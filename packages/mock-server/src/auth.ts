/** Accepts `Authorization: Bearer <token>` (scheme in any case): any non-empty token, or exactly `apiKey` when one is set. */
export function bearerCheck(apiKey: string | undefined): (header: string | undefined) => boolean {
  return (header) => {
    if (typeof header !== "string" || header.length < 8 || header.slice(0, 7).toLowerCase() !== "bearer ") return false;
    const token = header.slice(7).trim();
    return apiKey === undefined ? token !== "" : token === apiKey;
  };
}
