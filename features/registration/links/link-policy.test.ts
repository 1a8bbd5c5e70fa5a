import { describe, expect, it } from "vitest";
import { type Action, type Actor, actions, can } from "../../access/policy.ts";
import { type LinkPurpose, linkPurposes } from "../schema.ts";
import { type LinkAction, type LinkDecision, linkActions, linkDecision } from "./link-policy.ts";

// The whole grid for people without accounts, written out: each link, each action, in each state.
// Columns: [open, after the deadline, registration closed (withdrawn, rejected, cancelled)].
const F = "forbidden",
  A = "allowed",
  D = "deadline_passed",
  C = "closed";
const expected: Record<LinkPurpose, Record<LinkAction, [LinkDecision, LinkDecision, LinkDecision]>> = {
  focal_point: {
    "delegation.read": [A, A, A],
    "delegation.nominate": [A, D, A],
    "delegation.name_head": [A, D, A],
    "delegation.withdraw_member": [A, D, A],
    "delegation.upload_letter": [A, D, A],
    "participant.read": [F, F, F],
    "participant.edit": [F, F, F],
    "participant.withdraw": [F, F, F],
    "participant.read_documents": [F, F, F],
    "invitation.register": [F, F, F],
  },
  participant: {
    "delegation.read": [F, F, F],
    "delegation.nominate": [F, F, F],
    "delegation.name_head": [F, F, F],
    "delegation.withdraw_member": [F, F, F],
    "delegation.upload_letter": [F, F, F],
    "participant.read": [A, A, A],
    "participant.edit": [A, D, C],
    "participant.withdraw": [A, A, A],
    "participant.read_documents": [A, A, C],
    "invitation.register": [F, F, F],
  },
  invitation: {
    "delegation.read": [F, F, F],
    "delegation.nominate": [F, F, F],
    "delegation.name_head": [F, F, F],
    "delegation.withdraw_member": [F, F, F],
    "delegation.upload_letter": [F, F, F],
    "participant.read": [F, F, F],
    "participant.edit": [F, F, F],
    "participant.withdraw": [F, F, F],
    "participant.read_documents": [F, F, F],
    "invitation.register": [A, A, A],
  },
};
const states = [
  { deadlinePassed: false, registrationClosed: false },
  { deadlinePassed: true, registrationClosed: false },
  { deadlinePassed: false, registrationClosed: true },
];

describe("link policy grid: every link × every action × every state", () => {
  for (const purpose of linkPurposes) {
    for (const action of linkActions) {
      it(`${purpose} link: ${action}`, () => {
        expect(states.map((state) => linkDecision(purpose, action, state))).toEqual(expected[purpose][action]);
      });
    }
  }
});

// The staff side of registration, for the accreditation officer and API tokens, written out in full.
const staffGrid: Record<string, { actor: Actor; may: Action[] }> = {
  accreditation_officer: {
    actor: { userId: 1, isAdmin: false, role: "accreditation_officer", sideEventIds: [] },
    may: [
      "event.read_admin",
      "registrations.read",
      "registrations.review",
      "registrations.manage",
      "personal_data.read",
      "delegations.edit",
      "delegations.create",
      "participants.record",
      "participants.reopen",
      "badges.print",
      "badges.manage",
      "doors.manage",
      "doors.operate",
      "doors.read",
    ],
  },
  // A token may do what its scope allows and its creator may still do (features/access/policy.ts): these
  // were made by the event's owner, who may do everything, so the scope alone bounds them.
  "read token": {
    actor: { userId: 1, isAdmin: false, role: "owner", sideEventIds: [], token: "read" },
    may: ["event.read_admin", "registrations.read", "doors.read", "negotiation.read", "library.read"],
  },
  "write token": {
    actor: { userId: 1, isAdmin: false, role: "owner", sideEventIds: [], token: "write" },
    may: [
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
  },
  // A token stands for its scope only, even when made by (or stolen from) an administrator.
  "an administrator's read token": {
    actor: { userId: 1, isAdmin: true, role: "owner", sideEventIds: [], token: "read" },
    may: ["event.read_admin", "registrations.read", "doors.read", "negotiation.read", "library.read"],
  },
};

describe("staff grid for registration: accreditation officer and API tokens × every action", () => {
  for (const [who, { actor, may }] of Object.entries(staffGrid)) {
    for (const action of actions) {
      const allowed = may.includes(action);
      it(`${who} ${allowed ? "may" : "may not"} ${action}`, () => expect(can(actor, action)).toBe(allowed));
    }
  }
});
