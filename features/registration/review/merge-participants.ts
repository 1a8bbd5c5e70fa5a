import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../../access/audit.ts";
import { can } from "../../access/policy.ts";
import type { EventRow } from "../../events/queries.ts";
import { fileStore } from "../../files/store.ts";
import { mailOutbox } from "../../mail/schema.ts";
import type { StaffContext } from "../../shared/context.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../../shared/errors.ts";
import { int4Max, parseInput, toId } from "../../shared/validate.ts";
import { answerOf } from "../forms/form-field-view.ts";
import { createSealer, identityHash } from "../privacy/crypto.ts";
import { accessLinks, categories, delegations, invitations, participants, type RegistrationStatus } from "../schema.ts";

type Participant = typeof participants.$inferSelect;

export const mergeInput = z.object({
  keepVersion: z.coerce.number("required").int("required").positive("required").max(int4Max, "invalid"),
  mergeVersion: z.coerce.number("required").int("required").positive("required").max(int4Max, "invalid"),
});

/** Which status a merged registration keeps: the one further along. */
const statusRank: Partial<Record<RegistrationStatus, number>> = { approved: 3, waitlisted: 2, pending: 1 };
const rank = (s: RegistrationStatus) => statusRank[s] ?? 0;

/** Plain fields filled from the merged registration when the kept one has none. */
const plainFields = [
  "honorific",
  "position",
  "organisation",
  "country",
  "phone",
  "nationality",
  "arrival",
  "departure",
  "dietary",
  "accessibility",
  "interpretationLanguage",
] as const;

const isEmpty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

export interface MergeOutcome {
  keptId: number;
  /** Names of the fields the kept registration took from the merged one. */
  filled: string[];
  /** The merged registration's status was further along, but the category had no place left for it. */
  statusKeptForCapacity: boolean;
}

/**
 * What the kept registration takes from the merged one: what it lacks, never what it has. Names go
 * together (Latin names stay the kept ones'; the own-script pair moves as a pair), and so do the ID
 * document's type, number and expiry. Consents stay the kept registration's: they were given with it.
 */
function fillFrom(keep: Participant, merge: Participant, secret: string) {
  const set: Partial<Participant> = {};
  const filled: string[] = [];
  for (const field of plainFields) {
    if (isEmpty(keep[field]) && !isEmpty(merge[field])) {
      (set as Record<string, unknown>)[field] = merge[field];
      filled.push(field);
    }
  }
  if (!keep.givenNameLocal && !keep.familyNameLocal && (merge.givenNameLocal || merge.familyNameLocal)) {
    Object.assign(set, { givenNameLocal: merge.givenNameLocal, familyNameLocal: merge.familyNameLocal });
    filled.push("localNames");
  }
  if (keep.delegationId === null && merge.delegationId !== null) {
    set.delegationId = merge.delegationId;
    filled.push("delegation");
  }
  if (
    !keep.idDocumentType &&
    !keep.idDocumentNumberEnc &&
    !keep.idDocumentExpiry &&
    (merge.idDocumentType || merge.idDocumentNumberEnc || merge.idDocumentExpiry)
  ) {
    Object.assign(set, { idDocumentType: merge.idDocumentType, idDocumentNumberEnc: merge.idDocumentNumberEnc, idDocumentExpiry: merge.idDocumentExpiry });
    filled.push("idDocument");
  }
  if (!keep.birthDateEnc && merge.birthDateEnc) {
    // The hash is of the kept names; a date this instance's key cannot open keeps the merged one's hash.
    let birthDate: string | null = null;
    try {
      birthDate = createSealer(secret).open(merge.birthDateEnc);
    } catch {
      /* left as it was */
    }
    Object.assign(set, {
      birthDateEnc: merge.birthDateEnc,
      identityHash: identityHash(secret, keep.givenName, keep.familyName, birthDate) ?? merge.identityHash,
    });
    filled.push("birthDate");
  }
  if (!keep.photoFileId && merge.photoFileId) {
    set.photoFileId = merge.photoFileId;
    filled.push("photo");
  }
  const custom = { ...keep.custom };
  for (const [key, value] of Object.entries(merge.custom ?? {})) {
    if (isEmpty(answerOf(custom, key)) && !isEmpty(value)) {
      custom[key] = value;
      filled.push(`custom.${key}`);
    }
  }
  if (filled.some((f) => f.startsWith("custom."))) set.custom = custom;
  return { set, filled };
}

/** Private files of the merged registration that the kept one did not take (its photo, file answers). */
function leftBehindFiles(merge: Participant, kept: { photoFileId: number | null; custom: Record<string, unknown> }): number[] {
  const taken = new Set([kept.photoFileId, ...Object.values(kept.custom)]);
  const own = [merge.photoFileId, ...Object.values(merge.custom ?? {}).filter((v): v is number => Number.isInteger(v))];
  return own.filter((id): id is number => typeof id === "number" && !taken.has(id));
}

/**
 * Merges two registrations of one person into the kept one, in one transaction: it takes what it lacks
 * from the other, and the status further along (approved > waitlisted > pending > the rest) unless that
 * would approve beyond the category's capacity; the other's links (its personal link then opens the kept
 * registration), emails, invitation and place as head of its delegation move to it; the other is deleted,
 * with the files nobody took. Both versions are checked: a stale one answers 409 and changes nothing.
 * One audit row names the fields filled, never their values.
 */
export async function mergeParticipants(
  ctx: StaffContext & { secret: string },
  event: EventRow,
  input: { keepId: unknown; mergeId: unknown; keepVersion: unknown; mergeVersion: unknown },
): Promise<MergeOutcome> {
  if (!can(ctx.actor, "registrations.review")) throw Forbidden();
  const keepId = toId(input.keepId);
  const mergeId = toId(input.mergeId);
  if (!keepId || !mergeId) throw NotFound("registration.not_found");
  if (keepId === mergeId) throw Invalid("validation", { keepId: "duplicates.same_registration" });
  const versions = parseInput(mergeInput, input);

  return ctx.db.transaction(async (tx) => {
    // Locked in id order, so two merges of the same pair cannot deadlock.
    const rows = await tx
      .select()
      .from(participants)
      .where(and(eq(participants.eventId, event.id), inArray(participants.id, [keepId, mergeId])))
      .orderBy(asc(participants.id))
      .for("update");
    const keep = rows.find((r) => r.id === keepId);
    const merge = rows.find((r) => r.id === mergeId);
    if (!keep || !merge) throw NotFound("registration.not_found");
    if (keep.version !== versions.keepVersion || merge.version !== versions.mergeVersion) {
      throw Conflict("conflict.stale", { current: { [keep.id]: keep.version, [merge.id]: merge.version } });
    }
    const { set, filled } = fillFrom(keep, merge, ctx.secret);

    let statusKeptForCapacity = false;
    if (rank(merge.status) > rank(keep.status)) {
      let placeLeft = true;
      if (merge.status === "approved") {
        // Lock the category so a review at the same moment cannot take the same last place.
        const [category] = await tx
          .select()
          .from(categories)
          .where(and(eq(categories.id, keep.categoryId), eq(categories.eventId, event.id)))
          .for("update");
        if (category?.capacity != null) {
          const [{ approved }] = await tx
            .select({ approved: sql<number>`count(*)::int` })
            .from(participants)
            .where(and(eq(participants.categoryId, category.id), eq(participants.status, "approved"), ne(participants.id, merge.id)));
          placeLeft = approved < category.capacity;
        }
      }
      if (placeLeft) {
        Object.assign(set, { status: merge.status, statusReason: merge.statusReason, reviewedBy: merge.reviewedBy, reviewedAt: merge.reviewedAt });
        filled.push("status");
      } else {
        statusKeptForCapacity = true;
      }
    }

    const [saved] = await tx
      .update(participants)
      .set({ ...set, version: keep.version + 1, updatedAt: ctx.now })
      .where(and(eq(participants.id, keep.id), eq(participants.version, keep.version)))
      .returning();
    if (!saved) throw Conflict("conflict.stale");
    await tx
      .update(accessLinks)
      .set({ participantId: keep.id })
      .where(and(eq(accessLinks.eventId, event.id), eq(accessLinks.participantId, merge.id)));
    await tx.update(mailOutbox).set({ participantId: keep.id }).where(eq(mailOutbox.participantId, merge.id));
    await tx
      .update(invitations)
      .set({ participantId: keep.id })
      .where(and(eq(invitations.eventId, event.id), eq(invitations.participantId, merge.id)));
    // The merged one led a delegation: the kept one does now, if it belongs to that delegation.
    const headOf = await tx
      .select({ id: delegations.id })
      .from(delegations)
      .where(and(eq(delegations.eventId, event.id), eq(delegations.headParticipantId, merge.id)));
    for (const d of headOf) {
      await tx
        .update(delegations)
        .set({ headParticipantId: d.id === saved.delegationId ? keep.id : null, version: sql`${delegations.version} + 1` })
        .where(eq(delegations.id, d.id));
    }
    await tx.delete(participants).where(and(eq(participants.id, merge.id), eq(participants.eventId, event.id)));
    const orphans = leftBehindFiles(merge, saved);
    await fileStore.delete(tx, event.id, { ids: orphans, kinds: ["photo", "attachment"] });
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "participant",
      entityId: keep.id,
      action: "update",
      after: { mergedFrom: merge.id, filled },
    });
    return { keptId: keep.id, filled, statusKeptForCapacity };
  });
}

/** The merge a pair's form asks for: `a`, `b`, `keep` (one of the two) and `version.<id>` of each. */
export function pairChoice(values: Record<string, unknown>) {
  const [a, b, keep] = [toId(values.a), toId(values.b), toId(values.keep)];
  if (!keep || (keep !== a && keep !== b)) throw Invalid("validation", { keep: "duplicates.choose_kept" });
  const mergeId = keep === a ? b : a;
  const versions = (values.version && typeof values.version === "object" ? values.version : {}) as Record<string, unknown>;
  return { keepId: keep, mergeId, keepVersion: versions[String(keep)], mergeVersion: versions[String(mergeId)] };
}

/** Which of two registrations a reviewer is offered to keep: the one further along, else the older. */
export function suggestedKeep(a: { id: number; status: RegistrationStatus }, b: { id: number; status: RegistrationStatus }): number {
  if (rank(a.status) !== rank(b.status)) return rank(a.status) > rank(b.status) ? a.id : b.id;
  return Math.min(a.id, b.id);
}
