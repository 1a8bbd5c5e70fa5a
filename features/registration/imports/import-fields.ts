/** The columns a participants import reads (features/registration/imports/import-rows.ts); shared with the page, so no server code here. */
export const importFields = [
  "honorific",
  "givenName",
  "familyName",
  "givenNameLocal",
  "familyNameLocal",
  "email",
  "organisation",
  "position",
  "country",
  "category",
  "delegation",
  "lang",
  "status",
] as const;
export type ImportField = (typeof importFields)[number];

/** A file without a column for each of these is refused as a whole (country may come from the delegation). */
export const requiredImportColumns: readonly ImportField[] = ["givenName", "familyName", "email", "category"];

/** The preview keeps this many row errors; its counts cover every row. */
export const maxPreviewErrors = 200;

/** A row-level problem found in an uploaded file: `code` names a message `error.<code>`. */
export interface ImportRowError {
  row: number;
  column: string;
  code: string;
  values?: Record<string, string | number>;
  /** Whom the row is about, as the file names them: a person's or a delegation's name, and an email. */
  who?: { name?: string; email?: string };
}
/** What the preview found; kept with the import so the confirm step shows what was checked. */
export interface ImportPreview {
  total: number;
  fresh: number;
  existing: number;
  invalid: number;
  /** The first rows' errors (at most 200). */
  errors: ImportRowError[];
  /** Header cells that name no field we know: their columns are left out. */
  ignoredColumns: string[];
}
