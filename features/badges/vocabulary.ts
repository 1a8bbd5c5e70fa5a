/** The fixed sets of values this feature stores (read by its schema, its checks and its pages). */

/** Why a badge version stopped opening doors. */
export const revocationReasons = ["reprinted", "category_changed", "withdrawn", "substituted"] as const;
export type RevocationReason = (typeof revocationReasons)[number];

export const badgeSizes = ["a6", "a7", "cr80"] as const;
export type BadgeSize = (typeof badgeSizes)[number];

/** One badge per page (a card printer), or several on an A4 sheet to cut. */
export const sheetLayouts = ["single", "a4"] as const;
export type SheetLayout = (typeof sheetLayouts)[number];

export const printStatuses = ["queued", "running", "done", "failed"] as const;
export type PrintStatus = (typeof printStatuses)[number];

/** Whom a print run covers: everyone, what changed since the last print, or some people, a delegation, a category. */
export type PrintScope =
  | { kind: "all" }
  | { kind: "changed" }
  | { kind: "people"; ids: number[] }
  | { kind: "delegation"; id: number }
  | { kind: "category"; id: number };
