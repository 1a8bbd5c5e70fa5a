/** The fixed sets of values this feature stores (read by its schema, its checks and its pages). */

/** A door of the venue, or a room inside it. Entering room B leaves room A. */
export const checkinListKinds = ["door", "room"] as const;
export type CheckinListKind = (typeof checkinListKinds)[number];

export const directions = ["entry", "exit"] as const;
export type Direction = (typeof directions)[number];

/** What the guard was shown: accepted, refused, or let through by an operator against a refusal. */
export const scanResults = ["accepted", "refused", "overridden"] as const;
export type ScanResult = (typeof scanResults)[number];

/** Why a code is refused. `unreadable`: not a badge of ours at all. */
export const refusalReasons = [
  "unreadable",
  "other_event",
  "unknown_key",
  "bad_signature",
  "superseded",
  "revoked",
  "unknown_person",
  "outside_validity",
  "outside_hours",
  "category_not_admitted",
] as const;
export type RefusalReason = (typeof refusalReasons)[number];

/**
 * The longest code and override reason a scan may carry (the server's scanInput refuses longer). The kiosk
 * cuts what it records to these, so that it never queues a scan the server would refuse: no badge of ours
 * is that long, and the first characters keep the record of what was read.
 */
export const maxCodeLength = 400;
export const maxOverrideReasonLength = 500;
