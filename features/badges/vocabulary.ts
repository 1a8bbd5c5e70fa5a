/** The fixed sets of values this feature stores (read by its schema, its checks and its pages). */

/** Why a badge version stopped opening doors. */
export const revocationReasons = ["reprinted", "category_changed", "withdrawn", "substituted"] as const;
export type RevocationReason = (typeof revocationReasons)[number];
