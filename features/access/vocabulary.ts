/** The fixed sets of values this feature stores (read by its schema, its checks and its pages). */
export const roles = [
  "owner",
  "organiser",
  "programme_editor",
  "accreditation_officer",
  "side_event_partner",
  "viewer",
  /** Prints badges and marks them printed; opens no door. */
  "badge_printer",
  /** Enrols a device as a kiosk of an existing door or room, and sees the counts; nothing else. */
  "checkin_operator",
  /** Sessions' online links and interpretation channels. */
  "hybrid_moderator",
  /** Compiles, brackets and issues the outcome documents' revisions; runs silence procedures. */
  "facilitator",
  /** Keeps the event's documents library: symbols, files in each language, who may read them. */
  "documents_officer",
] as const;
export type Role = (typeof roles)[number];

/**
 * What an API token may do: `read` and `write` for integrations (a CRM, a hotel booking system), and one
 * scope per role a device or a service stands in for (a print station, a kiosk enrolment tool, a meeting
 * platform), which does what that role does (features/access/policy.ts `tokenGrid`).
 */
export const apiTokenScopes = ["read", "write", "badge_printer", "checkin_operator", "hybrid_moderator"] as const;
export type ApiTokenScope = (typeof apiTokenScopes)[number];

/** A delegate's standing in the negotiation room, from their accreditation category (features/access/policy.ts `delegateMay`). */
export const delegateStandings = ["head", "delegate", "observer", "none"] as const;
export type DelegateStanding = (typeof delegateStandings)[number];
