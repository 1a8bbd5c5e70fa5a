import { AppError } from "../../shared/errors.ts";
import type { LinkPurpose } from "../schema.ts";

/**
 * What people without accounts may do through their personal link. Pure, like features/access/policy.ts:
 * the link decides *whose* delegation or registration is at hand (the commands only ever load that one),
 * this grid decides *what* may be done with it, and when. Its test writes the whole grid out.
 */
export const linkActions = [
  "delegation.read",
  "delegation.nominate",
  "delegation.name_head",
  "delegation.withdraw_member",
  "delegation.upload_letter",
  "participant.read",
  "participant.edit",
  "participant.withdraw",
  /** The event's documents the participant may read (features/documents/access.ts decides which). */
  "participant.read_documents",
  "invitation.register",
] as const;
export type LinkAction = (typeof linkActions)[number];

export interface LinkState {
  /** The delegation's deadline (or, without one, the event's first day) has passed. */
  deadlinePassed: boolean;
  /** The registration at hand was withdrawn, rejected or cancelled. */
  registrationClosed: boolean;
}

export type LinkDecision = "allowed" | "forbidden" | "deadline_passed" | "closed";

/** Actions each link may ever take, and whether the deadline and a closed registration stop them. */
const grid: Record<LinkPurpose, Partial<Record<LinkAction, { untilDeadline: boolean; whileOpen: boolean }>>> = {
  focal_point: {
    "delegation.read": { untilDeadline: false, whileOpen: false },
    "delegation.nominate": { untilDeadline: true, whileOpen: false },
    "delegation.name_head": { untilDeadline: true, whileOpen: false },
    "delegation.withdraw_member": { untilDeadline: true, whileOpen: false },
    "delegation.upload_letter": { untilDeadline: true, whileOpen: false },
  },
  participant: {
    "participant.read": { untilDeadline: false, whileOpen: false },
    "participant.edit": { untilDeadline: true, whileOpen: true },
    // Saying one cannot come is never too late.
    "participant.withdraw": { untilDeadline: false, whileOpen: false },
    // Documents are read during the event, long after the deadline; not once the registration is withdrawn or refused.
    "participant.read_documents": { untilDeadline: false, whileOpen: true },
  },
  invitation: {
    "invitation.register": { untilDeadline: false, whileOpen: false },
  },
};

export function linkDecision(purpose: LinkPurpose, action: LinkAction, state: LinkState): LinkDecision {
  const rule = grid[purpose][action];
  if (!rule) return "forbidden";
  if (rule.untilDeadline && state.deadlinePassed) return "deadline_passed";
  if (rule.whileOpen && state.registrationClosed) return "closed";
  return "allowed";
}

/** Throws the translated 403 a refused decision deserves. */
export function assertLinkMay(purpose: LinkPurpose, action: LinkAction, state: LinkState): void {
  const decision = linkDecision(purpose, action, state);
  if (decision === "allowed") return;
  const code =
    decision === "forbidden"
      ? "forbidden"
      : decision === "closed"
        ? "registration.closed"
        : purpose === "focal_point"
          ? "delegation.deadline_passed"
          : "registration.deadline_passed";
  throw new AppError(403, code);
}
