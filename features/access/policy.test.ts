import { describe, expect, it } from "vitest";
import { type Action, type Actor, actions, can, canEditSession, type DelegateStanding, delegateActions, delegateMay, mayGrantTokenScope } from "./policy.ts";
import { type ApiTokenScope, apiTokenScopes, type Role, roles } from "./schema.ts";

const actor = (role: Role | null, sideEventIds: number[] = [], isAdmin = false): Actor => ({ userId: 1, isAdmin, role, sideEventIds });

/**
 * The whole grid, written out literally: one column per role and per API token scope, one row per action.
 * A change of policy must change this table on purpose. `x` may, `.` may not.
 */
const grid = `
                          owner  organiser  programme_editor  accreditation_officer  side_event_partner  viewer  badge_printer  checkin_operator  hybrid_moderator  facilitator  documents_officer  token:read  token:write  token:badge_printer  token:checkin_operator  token:hybrid_moderator
  event.read_admin          x        x              x                   x                     x             x          x                x                 x              x               x               x           x                 x                     x                      x
  event.edit                x        x              .                   .                     .             .          .                .                 .              .               .               .           .                 .                     .                      .
  event.publish             x        x              .                   .                     .             .          .                .                 .              .               .               .           .                 .                     .                      .
  event.delete              x        .              .                   .                     .             .          .                .                 .              .               .               .           .                 .                     .                      .
  roles.manage              x        .              .                   .                     .             .          .                .                 .              .               .               .           .                 .                     .                      .
  audit.read                x        x              .                   .                     .             .          .                .                 .              .               .               .           .                 .                     .                      .
  programme.edit            x        x              x                   .                     .             .          .                .                 .              .               .               .           .                 .                     .                      .
  side_event.edit           x        x              x                   .                     .             .          .                .                 .              .               .               .           .                 .                     .                      .
  pages.edit                x        x              x                   .                     .             .          .                .                 .              .               .               .           .                 .                     .                      .
  organisations.edit        x        x              x                   .                     .             .          .                .                 .              .               .               .           .                 .                     .                      .
  registrations.read        x        x              .                   x                     .             .          x                .                 .              .               .               x           x                 x                     .                      .
  registrations.review      x        x              .                   x                     .             .          .                .                 .              .               .               .           x                 .                     .                      .
  registrations.manage      x        x              .                   x                     .             .          .                .                 .              .               .               .           .                 .                     .                      .
  personal_data.read        x        x              .                   x                     .             .          .                .                 .              .               .               .           .                 .                     .                      .
  badges.print              x        x              .                   x                     .             .          x                .                 .              .               .               .           x                 x                     .                      .
  badges.manage             x        x              .                   x                     .             .          .                .                 .              .               .               .           .                 .                     .                      .
  doors.manage              x        x              .                   x                     .             .          .                .                 .              .               .               .           .                 .                     .                      .
  doors.operate             x        x              .                   x                     .             .          .                x                 .              .               .               .           .                 .                     x                      .
  doors.read                x        x              .                   x                     .             .          .                x                 .              .               .               x           x                 .                     x                      .
  hybrid.manage             x        x              x                   .                     .             .          .                .                 x              .               .               .           x                 .                     .                      x
  delegations.edit          x        x              .                   x                     .             .          .                .                 .              .               .               .           x                 .                     .                      .
  participants.record       x        x              .                   x                     .             .          .                .                 .              .               .               .           .                 .                     .                      .
  participants.reopen       x        x              .                   x                     .             .          .                .                 .              .               .               .           .                 .                     .                      .
  negotiation.read          x        x              .                   .                     .             x          .                .                 .              x               .               x           x                 .                     .                      .
  negotiation.draft         x        x              .                   .                     .             .          .                .                 .              x               .               .           .                 .                     .                      .
  negotiation.chair         x        x              .                   .                     .             .          .                .                 .              x               .               .           .                 .                     .                      .
  delegations.create        x        x              .                   x                     .             .          .                .                 .              .               .               .           x                 .                     .                      .
  library.read              x        x              .                   .                     .             x          .                .                 .              x               x               x           x                 .                     .                      .
  library.edit              x        x              .                   .                     .             .          .                .                 .              .               x               .           x                 .                     .                      .
`;

const [header, ...rows] = grid
  .trim()
  .split("\n")
  .map((line) => line.trim().split(/\s+/));
const columns = header;
const written = new Map(rows.map(([action, ...marks]) => [action, marks]));

describe("the written grid", () => {
  it("has a row for every action and a column for every role and token scope, no more", () => {
    expect([...written.keys()].sort()).toEqual([...actions].sort());
    expect(columns).toEqual([...roles, ...apiTokenScopes.map((scope) => `token:${scope}`)]);
    for (const marks of written.values()) expect(marks.every((m) => m === "x" || m === ".")).toBe(true);
  });
});

describe("policy grid: every role and token scope × every action", () => {
  for (const [action, marks] of written) {
    columns.forEach((column, i) => {
      const allowed = marks[i] === "x";
      const who: Actor = column.startsWith("token:")
        ? { userId: 1, isAdmin: true, role: "owner", sideEventIds: [], token: column.slice(6) as ApiTokenScope }
        : actor(column as Role);
      it(`${column} ${allowed ? "may" : "may not"} ${action}`, () => {
        expect(can(who, action as Action)).toBe(allowed);
      });
    });
  }

  for (const action of actions) {
    it(`someone without a role may not ${action}`, () => expect(can(actor(null), action)).toBe(false));
    it(`nobody signed in may not ${action}`, () => expect(can(null, action)).toBe(false));
    it(`an instance administrator may ${action}`, () => expect(can(actor(null, [], true), action)).toBe(true));
  }
});

describe("API tokens never do more than their creator may", () => {
  const tokenOf = (role: Role, scope: ApiTokenScope): Actor => ({ userId: 1, isAdmin: false, role, sideEventIds: [], token: scope });
  it("an accreditation officer's write token reviews registrations but edits neither the library nor the hybrid room", () => {
    const token = tokenOf("accreditation_officer", "write");
    expect(can(token, "registrations.review")).toBe(true);
    expect(can(token, "badges.print")).toBe(true);
    expect(can(token, "library.edit")).toBe(false);
    expect(can(token, "hybrid.manage")).toBe(false);
    expect(can(token, "negotiation.read")).toBe(false);
  });
  it("a token's scope still bounds an owner's token", () => {
    expect(can(tokenOf("owner", "badge_printer"), "badges.manage")).toBe(false);
    expect(can(tokenOf("owner", "checkin_operator"), "badges.print")).toBe(false);
  });
  it("a role's scope is handed out only by someone who holds every grant of that role", () => {
    const officer = actor("accreditation_officer");
    expect(apiTokenScopes.filter((scope) => mayGrantTokenScope(officer, scope))).toEqual(["read", "write", "badge_printer", "checkin_operator"]);
    expect(apiTokenScopes.filter((scope) => mayGrantTokenScope(actor("organiser"), scope))).toEqual([...apiTokenScopes]);
    expect(mayGrantTokenScope(null, "badge_printer")).toBe(false);
  });
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

/**
 * Delegates in the negotiation room, through their participant link: one column per standing (from the
 * accreditation category: Head of Delegation, Delegate, observer, anyone else), one row per action.
 */
const delegateGrid = `
                          head  delegate  observer  none
  negotiation.read          x       x         x       .
  negotiation.propose       x       x         .       .
  negotiation.cosponsor     x       x         .       .
  negotiation.object        x       x         .       .
  negotiation.state         x       x         .       .
`;

describe("delegate grid: every standing × every negotiation action", () => {
  const [head, ...lines] = delegateGrid
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/));
  it("has a row for every delegate action", () => {
    expect(lines.map((l) => l[0]).sort()).toEqual([...delegateActions].sort());
    expect(head).toEqual(["head", "delegate", "observer", "none"]);
  });
  for (const [action, ...marks] of lines) {
    head.forEach((standing, i) => {
      const allowed = marks[i] === "x";
      it(`a ${standing} ${allowed ? "may" : "may not"} ${action}`, () => {
        expect(delegateMay(standing as DelegateStanding, action as (typeof delegateActions)[number])).toBe(allowed);
      });
    });
  }
});
