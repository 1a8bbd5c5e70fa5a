import { describe, expect, it } from "vitest";
import type { Actor } from "../access/policy.ts";
import { type DocumentAccess, type LibraryReader, readDecision } from "./access.ts";
import type { AccessLevel, LibraryState } from "./vocabulary.ts";

/**
 * Who reads what, written out: one row per access level and state, one column per reader. The document
 * at hand is open to category 7 (`categories`) or delegation 3 (`delegations`). `x` reads it, `.` is told
 * it does not exist (404), `w` is told it was withdrawn (410).
 */
const grid = `
                        library_staff  other_staff  public  pending  approved  approved_cat7  approved_del3  withdrawn_cat7  approved_cat8_del4
  public/issued              x             x          x        x        x            x              x              x                x
  accredited/issued          x             .          .        .        x            x              x              .                x
  categories/issued          x             .          .        .        .            x              .              .                .
  delegations/issued         x             .          .        .        .            .              x              .                .
  public/draft               x             .          .        .        .            .              .              .                .
  accredited/draft           x             .          .        .        .            .              .              .                .
  public/withdrawn           x             w          w        w        w            w              w              w                w
  accredited/withdrawn       x             .          .        .        w            w              w              .                w
  categories/withdrawn       x             .          .        .        .            w              .              .                .
  delegations/withdrawn      x             .          .        .        .            .              w              .                .
`;

const staff = (role: Actor["role"]): LibraryReader => ({ kind: "staff", actor: { userId: 1, isAdmin: false, role, sideEventIds: [] } });
const participant = (approved: boolean, categoryId: number, delegationId: number | null): LibraryReader => ({
  kind: "participant",
  participantId: 1,
  approved,
  categoryId,
  delegationId,
});

const readers: Record<string, LibraryReader> = {
  library_staff: staff("documents_officer"),
  other_staff: staff("badge_printer"),
  public: { kind: "public" },
  pending: participant(false, 7, 3),
  approved: participant(true, 1, null),
  approved_cat7: participant(true, 7, null),
  approved_del3: participant(true, 1, 3),
  // A participant whose registration was withdrawn still holds the link; the link policy refuses it before
  // the library is asked (link-policy.ts); were it asked, only public documents would be open.
  withdrawn_cat7: participant(false, 7, 3),
  approved_cat8_del4: participant(true, 8, 4),
};

describe("library access grid: every reader × every level and state", () => {
  const [header, ...rows] = grid
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/));
  it("has a column for every reader", () => expect(header).toEqual(Object.keys(readers)));
  for (const [cell, ...marks] of rows) {
    const [access, state] = cell.split("/") as [AccessLevel, LibraryState];
    const document: DocumentAccess = {
      state,
      access,
      accessCategoryIds: access === "categories" ? [7] : [],
      accessDelegationIds: access === "delegations" ? [3] : [],
    };
    header.forEach((who, i) => {
      const expected = { x: "allowed", ".": "not_found", w: "withdrawn" }[marks[i]];
      it(`${who} → ${cell}: ${expected}`, () => expect(readDecision(readers[who], document)).toBe(expected));
    });
  }
});
