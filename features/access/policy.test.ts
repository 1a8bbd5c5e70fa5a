import { describe, expect, it } from "vitest";
import { actions, can, canEditSession, type Action, type Actor } from "./policy.ts";
import { roles, type Role } from "./schema.ts";

const actor = (role: Role | null, sideEventIds: number[] = [], isAdmin = false): Actor => ({ userId: 1, isAdmin, role, sideEventIds });

// The whole grid, written out: a change of policy must change this table on purpose.
const expected: Record<Role, Action[]> = {
  owner: [...actions],
  organiser: actions.filter((a) => a !== "roles.manage" && a !== "event.delete"),
  programme_editor: ["event.read_admin", "programme.edit", "side_event.edit", "pages.edit", "organisations.edit"],
  accreditation_officer: ["event.read_admin", "registrations.read", "registrations.review", "registrations.manage", "personal_data.read"],
  side_event_partner: ["event.read_admin"],
  viewer: ["event.read_admin"],
};

describe("policy grid: every role × every action", () => {
  for (const role of roles) {
    for (const action of actions) {
      const allowed = expected[role].includes(action);
      it(`${role} ${allowed ? "may" : "may not"} ${action}`, () => {
        expect(can(actor(role), action)).toBe(allowed);
      });
    }
  }

  for (const action of actions) {
    it(`someone without a role may not ${action}`, () => expect(can(actor(null), action)).toBe(false));
    it(`nobody signed in may not ${action}`, () => expect(can(null, action)).toBe(false));
    it(`an instance administrator may ${action}`, () => expect(can(actor(null, [], true), action)).toBe(true));
  }
});

describe("side-event partners", () => {
  const partner = actor("side_event_partner", [7]);
  it("may edit the side event granted to them", () => {
    expect(canEditSession(partner, { id: 7, kind: "side_event" })).toBe(true);
  });
  it("may not edit another side event", () => {
    expect(canEditSession(partner, { id: 8, kind: "side_event" })).toBe(false);
  });
  it("may not edit a plenary even with its id granted", () => {
    expect(canEditSession(partner, { id: 7, kind: "plenary" })).toBe(false);
  });
  it("may not edit the programme at large", () => {
    expect(can(partner, "programme.edit")).toBe(false);
  });
  it("a viewer may not edit any session", () => {
    expect(canEditSession(actor("viewer", [7]), { id: 7, kind: "side_event" })).toBe(false);
  });
  it("a programme editor may edit every session", () => {
    expect(canEditSession(actor("programme_editor"), { id: 8, kind: "side_event" })).toBe(true);
    expect(canEditSession(actor("programme_editor"), { id: 9, kind: "plenary" })).toBe(true);
  });
});
