import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, not, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../../access/audit.ts";
import { can } from "../../access/policy.ts";
import type { EventRow } from "../../events/queries.ts";
import { enqueueMany, type OutgoingMail } from "../../mail/outbox.ts";
import { mailOutbox } from "../../mail/schema.ts";
import type { StaffContext } from "../../shared/context.ts";
import { Forbidden, Invalid } from "../../shared/errors.ts";
import { parseInput } from "../../shared/validate.ts";
import { linkExpiry } from "../delegations/delegations.ts";
import { participantPortalUrl } from "../delegations/nominations.ts";
import { unansweredQuestions } from "../forms/form-field-view.ts";
import { listFormFields } from "../forms/form-fields.ts";
import { createLinks } from "../links/links.ts";
import { editDeadline } from "../links/portal.ts";
import { missingItems } from "../privacy/personal-data.ts";
import { categories, delegations, type FormFieldRow, inactiveStatuses, participants, registrationStatuses } from "../schema.ts";
import { loadMailTemplate, renderRegistrationMail } from "./mail-templates.ts";

/** Who a reminder goes to: the people ticked in the queue, everyone still pending, or everyone with details missing. */
export const reminderAudiences = ["selected", "pending", "incomplete"] as const;
export type ReminderAudience = (typeof reminderAudiences)[number];

const activeStatuses = registrationStatuses.filter((s) => !inactiveStatuses.includes(s));

const reminderInput = z.object({
  audience: z.enum(reminderAudiences, "invalid"),
  /** Made once per rendered form: posting the same form twice queues nothing the second time. */
  batch: z.string("invalid").regex(/^[A-Za-z0-9_-]{16,64}$/, "invalid"),
  ids: z.array(z.coerce.number("invalid").int("invalid").positive("invalid").max(2_147_483_647, "invalid")).max(1000, "invalid").default([]),
});

export interface ReminderOutcome {
  /** Messages queued now. */
  queued: number;
  /** People this same form had already reminded (a second submit). */
  alreadyQueued: number;
  /** Selected people not reminded: their registration is withdrawn, cancelled or rejected. */
  closed: number;
}

const chunk = 1000;

/** The registrations asked `question` that have no answer to it (the `?` of jsonb: the key is not there). */
function unanswered(question: FormFieldRow): SQL {
  const noAnswer = not(sql`${participants.custom} ? ${question.key}::text`);
  return question.categoryIds.length ? and(inArray(participants.categoryId, question.categoryIds), noAnswer)! : noAnswer;
}

/**
 * Queues a reminder, each with a fresh link to the person's own page, in one transaction: links and
 * messages go in as multi-row inserts of 1,000, so thousands of people take a few statements, and the
 * outbox's worker sends them afterwards. The idempotency key is the batch (one per rendered form) and the
 * person, so a double submit sends nothing twice. One audit row records the count, not the people.
 */
export async function sendReminders(ctx: StaffContext, event: EventRow, input: unknown): Promise<ReminderOutcome> {
  if (!can(ctx.actor, "registrations.review")) throw Forbidden();
  const data = parseInput(reminderInput, input);
  if (data.audience === "selected" && data.ids.length === 0) throw Invalid("review.none_selected");
  const key = (participantId: number) => `registration:reminder:${data.batch}:${participantId}`;

  return ctx.db.transaction(async (tx) => {
    const where: SQL[] = [eq(participants.eventId, event.id), inArray(participants.status, activeStatuses)];
    if (data.audience === "selected") where.push(inArray(participants.id, data.ids));
    if (data.audience === "pending") where.push(eq(participants.status, "pending"));
    // Missing details: one of the category's standard items, or a required question asked of the category left unanswered.
    const required = data.audience === "incomplete" ? (await listFormFields(tx, event.id)).filter((q) => q.required) : [];
    if (data.audience === "incomplete") where.push(or(sql`jsonb_array_length(${categories.requiredFields}) > 0`, ...required.map(unanswered))!);
    let recipients = await tx
      .select({ participant: participants, category: categories, delegation: delegations })
      .from(participants)
      .innerJoin(categories, eq(categories.id, participants.categoryId))
      .leftJoin(delegations, eq(delegations.id, participants.delegationId))
      .where(and(...where))
      .orderBy(asc(participants.id));
    if (data.audience === "incomplete") {
      recipients = recipients.filter(
        (row) => missingItems(row).length > 0 || unansweredQuestions(required, row.category.id, row.participant.custom).length > 0,
      );
    }
    const closed = data.audience === "selected" ? new Set(data.ids).size - recipients.length : 0;

    const already = new Set<string>();
    for (let i = 0; i < recipients.length; i += chunk) {
      const keys = recipients.slice(i, i + chunk).map((row) => key(row.participant.id));
      for (const row of await tx.select({ key: mailOutbox.idempotencyKey }).from(mailOutbox).where(inArray(mailOutbox.idempotencyKey, keys)))
        already.add(row.key);
    }
    const fresh = recipients.filter((row) => !already.has(key(row.participant.id)));
    const outcome: ReminderOutcome = { queued: 0, alreadyQueued: recipients.length - fresh.length, closed };
    if (fresh.length === 0) return outcome;

    const template = await loadMailTemplate(tx, event.id, "reminder");
    const expiresAt = linkExpiry(event, ctx.now);
    const tokens = await createLinks(
      tx,
      fresh.map((row) => ({ eventId: event.id, purpose: "participant" as const, participantId: row.participant.id, expiresAt })),
    );
    const mails: OutgoingMail[] = fresh.map(({ participant: p, delegation }, i) => {
      const rendered = renderRegistrationMail(event, "reminder", p.lang, template, {
        name: `${p.givenName} ${p.familyName}`,
        link: participantPortalUrl(ctx.publicUrl, event, p.lang, tokens[i]),
        deadline: editDeadline(event, delegation),
      });
      return {
        to: p.email,
        lang: p.lang,
        idempotencyKey: key(p.id),
        eventId: event.id,
        kind: "reminder",
        participantId: p.id,
        subject: rendered.subject,
        text: rendered.text,
      };
    });
    outcome.queued = await enqueueMany(tx, mails);
    if (outcome.queued > 0) {
      await recordAudit(tx, {
        eventId: event.id,
        actorId: ctx.actor.userId,
        entity: "reminder",
        entityId: data.batch,
        action: "create",
        after: { audience: data.audience, count: outcome.queued },
      });
    }
    return outcome;
  });
}

/** A fresh batch for a rendered reminder form (see `sendReminders`). */
export function newReminderBatch(): string {
  return randomUUID();
}
