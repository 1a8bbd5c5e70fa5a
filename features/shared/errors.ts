import type { Translate, Values } from "../../i18n/index.ts";

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503;

/**
 * The one error type of the domain. `code` names a message `error.<code>` in the catalogue;
 * `fields` maps a form field to the code of what is wrong with it.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: ErrorStatus;
  readonly fields: Record<string, string>;
  readonly values: Values;
  readonly details: unknown;

  constructor(status: ErrorStatus, code: string, options: { fields?: Record<string, string>; values?: Values; details?: unknown } = {}) {
    super(code);
    this.status = status;
    this.code = code;
    this.fields = options.fields ?? {};
    this.values = options.values ?? {};
    this.details = options.details;
  }
}

export const Invalid = (code: string, fields?: Record<string, string>, values?: Values) => new AppError(422, code, { fields, values });
export const BadRequest = (code: string) => new AppError(400, code);
export const Unauthorized = () => new AppError(401, "auth.required");
export const Forbidden = (code = "forbidden") => new AppError(403, code);
export const NotFound = (code = "not_found") => new AppError(404, code);
export const Conflict = (code: string, details?: unknown) => new AppError(409, code, { details });
export const TooLarge = (code: string, values?: Values) => new AppError(413, code, { values });
export const UnsupportedMedia = (code: string) => new AppError(415, code);
export const TooManyRequests = () => new AppError(429, "rate_limited");

export function isAppError(error: unknown): error is AppError {
  return error instanceof Error && "code" in error && "status" in error && "fields" in error;
}

export interface ErrorBody {
  error: { code: string; message: string; fields: Record<string, string>; details?: unknown };
}

/** The JSON shape shared by the API and the forms: `{ error: { code, message, fields } }`, all translated. */
export function presentError(error: AppError, t: Translate): ErrorBody {
  const fields = Object.fromEntries(Object.entries(error.fields).map(([field, code]) => [field, t(`error.${code}`, error.values)]));
  return { error: { code: error.code, message: t(`error.${error.code}`, error.values), fields, details: error.details } };
}
