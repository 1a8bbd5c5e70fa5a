import type { ApiTokenScope, DelegateStanding, Role } from "./vocabulary.ts";

export type { DelegateStanding } from "./vocabulary.ts";

/** What an actor may do inside one event. Pure: every decision is a function of the grants. */
export const actions = [
  "event.read_admin",
  "event.edit",
  "event.publish",
  "event.delete",
  "roles.manage",
  "audit.read",
  "programme.edit",
  "side_event.edit",
  "pages.edit",
  "organisations.edit",
  /** The participants list and its exports, without ID data. */
  "registrations.read",
  /** Approve, waitlist, reject, merge duplicates; edit registrations; send reminders. */
  "registrations.review",
  /** Categories, delegations and their focal points, invitations, email templates. */
  "registrations.manage",
  /** ID document numbers and dates of birth: every view is audited. */
  "personal_data.read",
  /** Print badges (a batch, one person, what changed), mark them printed and handed over; read the designs they print with. */
  "badges.print",
  /** Badge designs, signing keys, revoking a badge. */
  "badges.manage",
  /** Doors and rooms to check in at, registering and revoking kiosks. */
  "doors.manage",
  /** Enrol a device as the kiosk of an existing door or room. */
  "doors.operate",
  /** Live counts per door and room, scans (duplicates, overrides), attendance exports. */
  "doors.read",
  /** Sessions' online links, interpretation channels, who may join online. */
  "hybrid.manage",
  /** Add a delegation (a form, a file, the API) and send focal points their invitations. */
  "delegations.create",
  /** Change an invited delegation: names, quota, deadline, focal point, language. */
  "delegations.edit",
  /** Record what a participant sent on paper, by email or phone, or said in person: consent, language, photo, identity details. */
  "participants.record",
  /** Reopen one participant's own page for a while after their deadline. */
  "participants.reopen",
  /** Outcome documents: drafts, every amendment and who holds which bracket. */
  "negotiation.read",
  /** Compile drafts, bracket, fold amendments, issue revisions; enter a delegation's written amendment. */
  "negotiation.draft",
  /** Put a revision under silence, declare it adopted. */
  "negotiation.chair",
  /** The documents library: every document in every state (drafts, withdrawn, restricted), every file version. */
  "library.read",
  /** Create and edit documents of the library, upload their files, set who may read them, issue and withdraw them. */
  "library.edit",
] as const;
export type Action = (typeof actions)[number];

export interface Actor {
  userId: number;
  isAdmin: boolean;
  /** The actor's role in the event at hand, if any. */
  role: Role | null;
  /** Side events (session ids) granted to a side-event partner. */
  sideEventIds: readonly number[];
  /**
   * Set when the request came with an API token: it may do what its scope allows and its creator (whose
   * `role` and `isAdmin` the actor carries) may still do, never more than either.
   */
  token?: ApiTokenScope;
}

const grid: Record<Role, readonly Action[]> = {
  owner: actions,
  organiser: actions.filter((a) => a !== "roles.manage" && a !== "event.delete"),
  programme_editor: ["event.read_admin", "programme.edit", "side_event.edit", "pages.edit", "organisations.edit", "hybrid.manage"],
  accreditation_officer: [
    "event.read_admin",
    "registrations.read",
    "registrations.review",
    "registrations.manage",
    "personal_data.read",
    "badges.print",
    "badges.manage",
    "doors.manage",
    "doors.operate",
    "doors.read",
    "delegations.create",
    "delegations.edit",
    "participants.record",
    "participants.reopen",
  ],
  side_event_partner: ["event.read_admin"],
  viewer: ["event.read_admin", "negotiation.read", "library.read"],
  // At the badge desk they look people up to compare the ID with the photo.
  badge_printer: ["event.read_admin", "registrations.read", "badges.print"],
  checkin_operator: ["event.read_admin", "doors.operate", "doors.read"],
  hybrid_moderator: ["event.read_admin", "hybrid.manage"],
  facilitator: ["event.read_admin", "negotiation.read", "negotiation.draft", "negotiation.chair", "library.read"],
  documents_officer: ["event.read_admin", "library.read", "library.edit"],
};

/**
 * What an integration may do with an API token of the event. ID data is never readable through a token.
 * A role's scope does what that role does (a print station, a kiosk enrolment tool, a meeting platform).
 */
const tokenGrid: Record<ApiTokenScope, readonly Action[]> = {
  read: ["event.read_admin", "registrations.read", "doors.read", "negotiation.read", "library.read"],
  write: [
    "event.read_admin",
    "registrations.read",
    "registrations.review",
    "doors.read",
    "badges.print",
    "hybrid.manage",
    "negotiation.read",
    "delegations.create",
    "delegations.edit",
    "library.read",
    "library.edit",
  ],
  badge_printer: grid.badge_printer,
  checkin_operator: grid.checkin_operator,
  hybrid_moderator: grid.hybrid_moderator,
};

/** Whether a person may hand out a token of this scope: a role's scope needs every grant of that role (as roles.manage would). */
export function mayGrantTokenScope(actor: Actor | null, scope: ApiTokenScope): boolean {
  if (scope === "read" || scope === "write") return true;
  return tokenGrid[scope].every((action) => can(actor, action));
}

/**
 * `target` narrows the question: a side-event partner may edit only the side events granted to them.
 * Instance administrators may do everything in every event.
 */
export function can(actor: Actor | null, action: Action, target?: { sessionId?: number; kind?: string }): boolean {
  if (!actor) return false;
  // Own property only: nothing inherited (a polluted prototype) may turn a person into a token.
  if (Object.hasOwn(actor, "token") && actor.token) return tokenGrid[actor.token].includes(action) && personMay(actor, action);
  return personMay(actor, action, target);
}

function personMay(actor: Actor, action: Action, target?: { sessionId?: number; kind?: string }): boolean {
  if (actor.isAdmin) return true;
  if (!actor.role) return false;
  if (grid[actor.role].includes(action)) return true;
  if (actor.role === "side_event_partner" && action === "side_event.edit") {
    return target?.sessionId !== undefined && target.kind === "side_event" && actor.sideEventIds.includes(target.sessionId);
  }
  return false;
}

/** Whether the actor may change a session: programme editors any, partners only their own side events. */
export function canEditSession(actor: Actor | null, session: { id: number; kind: string }): boolean {
  return can(actor, "programme.edit") || can(actor, "side_event.edit", { sessionId: session.id, kind: session.kind });
}

/**
 * What a delegate may do in the negotiation room through their personal participant link, by their
 * standing (from their accreditation category): Heads of Delegation and Delegates propose, co-sponsor,
 * object and make statements for their delegation; observers read. Pure, like `can`.
 */
export const delegateActions = ["negotiation.read", "negotiation.propose", "negotiation.cosponsor", "negotiation.object", "negotiation.state"] as const;
export type DelegateAction = (typeof delegateActions)[number];

const delegateGrid: Record<DelegateStanding, readonly DelegateAction[]> = {
  head: delegateActions,
  delegate: delegateActions,
  observer: ["negotiation.read"],
  none: [],
};

export function delegateMay(standing: DelegateStanding, action: DelegateAction): boolean {
  return delegateGrid[standing].includes(action);
}
