/** SQLSTATEs and socket errors that mean "the database is away", not "this query is wrong". */
const unavailableCodes = new Set([
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "55000",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
const unavailableMessages = /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|Cannot use a pool after calling end/i;

/**
 * Whether an error (or one it wraps: Drizzle wraps the driver's) comes from losing the database: a
 * connection refused or ended, the server shutting down or not yet accepting connections. Such requests
 * answer 503 and the next ones succeed once the database is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e !== "object") return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (unavailableCodes.has(code) || code.startsWith("08"))) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string" && unavailableMessages.test(message)) return true;
  }
  return false;
}
