import { and, asc, eq, inArray, isNull, like, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../../db/index.ts";
import { recordAudit } from "../../access/audit.ts";
import { can } from "../../access/policy.ts";
import { auditLog } from "../../access/schema.ts";
import type { EventRow } from "../../events/queries.ts";
import { fileStore } from "../../files/store.ts";
import { mailOutbox } from "../../mail/schema.ts";
import type { StaffContext } from "../../shared/context.ts";
import { Forbidden, Invalid, NotFound } from "../../shared/errors.ts";
import { parseInput, toId } from "../../shared/validate.ts";
import { categories, delegations, invitations, participants } from "../schema.ts";
import { createSealer } from "./crypto.ts";

/**
 * A person's rights over their data, exercised by the secretariat on request: a copy of everything we
 * hold about them (JSON), and erasure. Both are audited without personal data in the log.
 */

type Participant = typeof participants.$inferSelect;

async function loadParticipant(ctx: StaffContext, event: EventRow, participantId: unknown): Promise<Participant> {
  const id = toId(participantId);
  const [row] = id
    ? await ctx.db
        .select()
        .from(participants)
        .where(and(eq(participants.id, id), eq(participants.eventId, event.id)))
    : [];
  if (!row) throw NotFound("registration.not_found");
  return row;
}

/** Ids of the files that belong to the person: the photo and file answers to custom questions. */
const personalKinds = ["photo", "attachment"] as const;
function fileIdsOf(p: Participant): number[] {
  const ids = Object.values(p.custom ?? {}).filter((v): v is number => Number.isInteger(v));
  return p.photoFileId ? [p.photoFileId, ...ids] : ids;
}

/**
 * Messages written to the person: by their registration, or to their address for this event. Mail queued
 * before messages carried their event (migration 0006) is recognised by its address and the event's links.
 */
const mailOf = (event: EventRow, p: Participant) =>
  or(
    eq(mailOutbox.participantId, p.id),
    and(eq(mailOutbox.eventId, event.id), eq(mailOutbox.to, p.email)),
    and(
      isNull(mailOutbox.eventId),
      eq(mailOutbox.to, p.email),
      like(mailOutbox.idempotencyKey, "registration:%"),
      like(mailOutbox.text, `%/e/${event.slug}/%`),
    ),
  );

/** Registrations merged into this one (their audit history now describes the same person), transitively. */
async function mergedInto(tx: Tx, eventId: number, id: number): Promise<number[]> {
  const found = new Set([id]);
  let frontier = [id];
  while (frontier.length) {
    const rows = await tx
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.eventId, eventId),
          eq(auditLog.entity, "participant"),
          inArray(auditLog.entityId, frontier.map(String)),
          sql`${auditLog.after} ? 'mergedFrom'`,
        ),
      );
    frontier = rows.map((r) => Number((r.after as { mergedFrom?: unknown }).mergedFrom)).filter((n) => Number.isInteger(n) && !found.has(n));
    for (const n of frontier) found.add(n);
  }
  return [...found];
}

/** Everything held about one person in this event, ID data decrypted. Needs the right to read personal data. */
export async function exportPersonData(ctx: StaffContext & { secret: string }, event: EventRow, participantId: unknown) {
  if (!can(ctx.actor, "personal_data.read")) throw Forbidden();
  const p = await loadParticipant(ctx, event, participantId);
  const sealer = createSealer(ctx.secret);
  const open = (sealed: string | null) => {
    if (!sealed) return null;
    try {
      return sealer.open(sealed);
    } catch {
      return null;
    }
  };
  return ctx.db.transaction(async (tx) => {
    const [category] = await tx
      .select({ code: categories.code, name: categories.name })
      .from(categories)
      .where(and(eq(categories.id, p.categoryId), eq(categories.eventId, event.id)));
    const [delegation] = p.delegationId
      ? await tx
          .select({ name: delegations.name })
          .from(delegations)
          .where(and(eq(delegations.id, p.delegationId), eq(delegations.eventId, event.id)))
      : [];
    // One at a time: each file is encoded into the copy before the next is read.
    const files = [];
    for (const head of await fileStore.heads(tx, event.id, fileIdsOf(p), personalKinds)) {
      const found = await fileStore.get(tx, event.id, head.id);
      if (found)
        files.push({
          id: head.id,
          kind: head.kind,
          contentType: head.contentType,
          filename: head.filename,
          size: head.size,
          base64: Buffer.from(found.bytes).toString("base64"),
        });
    }
    const mail = await tx
      .select({
        to: mailOutbox.to,
        subject: mailOutbox.subject,
        text: mailOutbox.text,
        kind: mailOutbox.kind,
        status: mailOutbox.status,
        createdAt: mailOutbox.createdAt,
        sentAt: mailOutbox.sentAt,
      })
      .from(mailOutbox)
      .where(mailOf(event, p))
      .orderBy(asc(mailOutbox.id));
    const history = await tx
      .select({ at: auditLog.at, action: auditLog.action, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.eventId, event.id), eq(auditLog.entity, "participant"), eq(auditLog.entityId, String(p.id))))
      .orderBy(asc(auditLog.id));
    await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "participant", entityId: p.id, action: "export_personal_data" });
    const { idDocumentNumberEnc, birthDateEnc, identityHash: _, ...plain } = p;
    return {
      exportedAt: ctx.now.toISOString(),
      event: { slug: event.slug, title: event.title },
      registration: { ...plain, idDocumentNumber: open(idDocumentNumberEnc), birthDate: open(birthDateEnc), category, delegation: delegation?.name ?? null },
      files,
      emails: mail,
      history,
    };
  });
}

export const eraseInput = z.object({ confirm: z.string().trim().toLowerCase() });

/**
 * Erases a person from the event: their registration (links go with it), files, invitation, the messages
 * written to them, and the personal values in the audit log's entries about them. What stays is one audit
 * row saying that registration n was erased, by whom and when. Typing the person's email confirms.
 */
export async function erasePerson(ctx: StaffContext, event: EventRow, participantId: unknown, input: unknown): Promise<void> {
  if (!can(ctx.actor, "registrations.manage") || !can(ctx.actor, "personal_data.read")) throw Forbidden();
  const p = await loadParticipant(ctx, event, participantId);
  const { confirm } = parseInput(eraseInput, input);
  if (confirm !== p.email.toLowerCase()) throw Invalid("validation", { confirm: "erase.confirm_mismatch" });
  await ctx.db.transaction(async (tx) => {
    if (p.delegationId)
      await tx
        .update(delegations)
        .set({ headParticipantId: null })
        .where(and(eq(delegations.id, p.delegationId), eq(delegations.headParticipantId, p.id)));
    const invited = await tx
      .delete(invitations)
      .where(and(eq(invitations.eventId, event.id), or(eq(invitations.participantId, p.id), eq(invitations.email, p.email))))
      .returning({ id: invitations.id });
    await tx.delete(mailOutbox).where(mailOf(event, p));
    // The audit log keeps that things happened, not what they said about the person: their registration's
    // entries, those of registrations merged into it, and those of their invitation.
    const ids = await mergedInto(tx, event.id, p.id);
    await tx
      .update(auditLog)
      .set({ before: null, after: null })
      .where(
        and(
          eq(auditLog.eventId, event.id),
          or(
            and(eq(auditLog.entity, "participant"), inArray(auditLog.entityId, ids.map(String))),
            invited.length
              ? and(
                  eq(auditLog.entity, "invitation"),
                  inArray(
                    auditLog.entityId,
                    invited.map((i) => String(i.id)),
                  ),
                )
              : sql`false`,
          ),
        ),
      );
    await tx.delete(participants).where(and(eq(participants.id, p.id), eq(participants.eventId, event.id)));
    await fileStore.delete(tx, event.id, { ids: fileIdsOf(p), kinds: personalKinds });
    await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "participant", entityId: p.id, action: "erase", after: { erased: true } });
  });
}
