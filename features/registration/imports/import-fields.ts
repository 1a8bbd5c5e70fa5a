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
