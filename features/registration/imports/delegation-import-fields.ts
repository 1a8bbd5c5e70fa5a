/** The columns a delegations import reads (delegation-rows.ts); shared with the page, so no server code here. */
export const delegationImportFields = [
  "kind",
  "country",
  "name",
  "quota",
  "deadline",
  "defaultCategory",
  "focalPointName",
  "focalPointEmail",
  "focalPointLang",
] as const;
export type DelegationImportField = (typeof delegationImportFields)[number];

/** A file without a column for each of these is refused as a whole (names may come from the States list: a country code will do). */
export const requiredDelegationColumns: readonly DelegationImportField[] = ["quota", "deadline", "focalPointName", "focalPointEmail"];
