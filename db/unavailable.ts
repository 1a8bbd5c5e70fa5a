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

/**
 * Whether an error (or one it wraps) is the database refusing a value the request carried: SQLSTATE class
 * 22, data exception (a number out of range for its column, a time it cannot represent, text it cannot
 * store), or 54000, a value too large for an index. Input checks refuse such values first, with the field
 * named; this is the net under them, so that one that slips through is the caller's 4xx, never a 500.
 */
export function isRefusedValue(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e !== "object") return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^(22[0-9A-Z]{3}|54000)$/.test(code)) return true;
  }
  return false;
}
