/** Columns a staff member may choose for an export of the registrations. No ID data, ever. */
export const exportColumns = [
  "name",
  "given",
  "family",
  "localNames",
  "email",
  "organisation",
  "position",
  "country",
  "category",
  "delegation",
  "status",
  "lang",
  "created",
] as const;
export type ExportColumn = (typeof exportColumns)[number];

/** Ticked when nobody chose: what a secretariat usually sends on. */
export const defaultExportColumns: readonly ExportColumn[] = ["name", "email", "organisation", "position", "country", "category", "delegation", "status"];

/** A column of answers to one of the event's own questions (features/registration/forms/form-fields.ts). */
export type CustomColumn = `custom.${string}`;
export const customColumn = (key: string): CustomColumn => `custom.${key}`;
