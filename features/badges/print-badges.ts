import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { zonedToUtc } from "../../i18n/format.ts";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import type { StaffContext } from "../shared/context.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../shared/errors.ts";
import { toId } from "../shared/validate.ts";
import { type BadgeRow, issueBadges, participantsNeedingBadges } from "./issue-badges.ts";
import { rotateKey } from "./keys.ts";
import { revokeCurrentBadge } from "./revoke.ts";
import { badges } from "./schema.ts";

type SecretContext = StaffContext & { secret: string };

function ids(input: unknown): number[] {
  const list = Array.isArray(input) ? input : [input];
  const out = list.map(toId);
  if (out.length === 0 || out.length > 50_000 || out.some((id) => id === null)) throw Invalid("validation", { participantIds: "invalid" });
  return [...new Set(out as number[])];
}

/** Issues what is missing or no longer matches (first badges, new categories), for the whole event or some people. */
export async function issueMissingBadges(ctx: SecretContext, event: EventRow, participantIds?: unknown): Promise<BadgeRow[]> {
  if (!can(ctx.actor, "badges.print")) throw Forbidden();
  const wanted = participantIds === undefined ? await participantsNeedingBadges(ctx.db, event) : ids(participantIds);
  return ctx.db.transaction(async (tx) => {
    const issued = await issueBadges(tx, event, wanted, ctx.secret, ctx.now);
    if (issued.length > 0) {
      await recordAudit(tx, {
        eventId: event.id,
        actorId: ctx.actor.userId,
        entity: "badges",
        entityId: event.id,
        action: "create",
        after: { count: issued.length },
      });
    }
    return issued;
  });
}

/** A new version for one person (a lost or damaged badge): the old code is revoked at once. */
export async function reprintBadge(ctx: SecretContext, event: EventRow, participantId: unknown): Promise<BadgeRow> {
  if (!can(ctx.actor, "badges.print")) throw Forbidden();
  const [id] = ids(participantId);
  return ctx.db.transaction(async (tx) => {
    const [badge] = await issueBadges(tx, event, [id], ctx.secret, ctx.now, { reprint: true });
    if (!badge) throw NotFound("badge.not_eligible");
    await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "badge", entityId: id, action: "update", after: { version: badge.version } });
    return badge;
  });
}

/**
 * A print station reports badges printed: the version printed is kept, and nothing else. Printing is
 * not an entrance: no scan, no presence. For a print run, only the versions it can have drawn count: a
 * badge issued again after the run was rendered (a reprint, a new category) is not in its PDF, so it
 * stays to be printed.
 */
export async function markPrinted(ctx: StaffContext, event: EventRow, participantIds: unknown, run?: { renderedBy: Date }): Promise<number> {
  if (!can(ctx.actor, "badges.print")) throw Forbidden();
  const wanted = ids(participantIds);
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: badges.id, version: badges.version })
      .from(badges)
      .where(and(eq(badges.eventId, event.id), inArray(badges.participantId, wanted), run ? lte(badges.issuedAt, run.renderedBy) : undefined));
    for (const row of rows) await tx.update(badges).set({ printedAt: ctx.now, printedVersion: row.version }).where(eq(badges.id, row.id));
    return rows.length;
  });
}

/** The badge desk hands the badge over after comparing the person's ID with the photo. */
export async function handOverBadge(ctx: StaffContext, event: EventRow, participantId: unknown): Promise<void> {
  if (!can(ctx.actor, "badges.print")) throw Forbidden();
  const [id] = ids(participantId);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(badges)
      .set({ handedOverAt: ctx.now, handedOverBy: ctx.actor.userId })
      .where(and(eq(badges.eventId, event.id), eq(badges.participantId, id), isNull(badges.revokedAt), sql`${badges.printedVersion} = ${badges.version}`))
      .returning({ version: badges.version });
    if (!row) {
      // Either there is no badge in force, or its version was never printed: nothing to hand over yet.
      const [badge] = await tx
        .select({ id: badges.id })
        .from(badges)
        .where(and(eq(badges.eventId, event.id), eq(badges.participantId, id), isNull(badges.revokedAt)));
      throw badge ? Conflict("badge.not_printed") : NotFound("badge.not_found");
    }
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "badge",
      entityId: id,
      action: "update",
      after: { handedOver: row.version },
    });
  });
}

/** A withdrawn accreditation, a stolen badge: no version of it opens a door any more. */
export async function revokeBadge(
  ctx: StaffContext,
  event: EventRow,
  participantId: unknown,
  reason: "withdrawn" | "substituted" = "withdrawn",
): Promise<void> {
  if (!can(ctx.actor, "badges.manage")) throw Forbidden();
  const [id] = ids(participantId);
  await ctx.db.transaction(async (tx) => {
    const version = await revokeCurrentBadge(tx, event.id, id, reason, ctx.now);
    if (version === null) throw NotFound("badge.not_found");
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "badge",
      entityId: id,
      action: "revoke",
      after: { version, reason },
    });
  });
}

/**
 * A new signing key for the event. Badges signed with the old one stay valid until their window ends:
 * its public key is published to kiosks until the end of the event's last day.
 */
export async function rotateSigningKey(ctx: SecretContext, event: EventRow): Promise<number> {
  if (!can(ctx.actor, "badges.manage")) throw Forbidden();
  const afterLastDay = zonedToUtc(`${event.endDate}T00:00`, event.timezone)!;
  const keepUntil = new Date(afterLastDay.getTime() + 86_400_000);
  return ctx.db.transaction(async (tx) => {
    const key = await rotateKey(tx, event.id, ctx.secret, keepUntil, ctx.now);
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "badge_key",
      entityId: key.keyId,
      action: "create",
      after: { keyId: key.keyId },
    });
    return key.keyId;
  });
}
