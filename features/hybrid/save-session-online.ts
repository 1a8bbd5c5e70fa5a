import { and, eq } from "drizzle-orm";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import { sessions } from "../programme/schema.ts";
import type { StaffContext } from "../shared/context.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../shared/errors.ts";
import { parseInput, toId } from "../shared/validate.ts";
import { sessionOnlineInput } from "./input.ts";
import { sessionOnline } from "./schema.ts";

export type SessionOnlineRow = typeof sessionOnline.$inferSelect;

/**
 * Sets how a session is followed online: the provider's meeting address and interpretation channels (given
 * only to accredited online participants, through their personal links) and a public livestream.
 */
export async function saveSessionOnline(ctx: StaffContext, event: EventRow, sessionId: unknown, input: unknown): Promise<SessionOnlineRow> {
  if (!can(ctx.actor, "hybrid.manage")) throw Forbidden();
  const id = toId(sessionId);
  const data = parseInput(sessionOnlineInput, input);
  const languages = new Set<string>();
  for (const c of data.channels) {
    if (languages.has(c.lang)) throw Invalid("validation", { channels: "hybrid.channel_twice" });
    languages.add(c.lang);
  }
  return ctx.db.transaction(async (tx) => {
    const [session] = id
      ? await tx
          .select({ id: sessions.id })
          .from(sessions)
          .where(and(eq(sessions.eventId, event.id), eq(sessions.id, id)))
      : [];
    if (!session) throw NotFound("session.not_found");
    const [existing] = await tx.select().from(sessionOnline).where(eq(sessionOnline.sessionId, session.id));
    const values = {
      provider: data.provider,
      joinUrl: data.joinUrl,
      channels: data.channels,
      livestreamUrl: data.livestreamUrl ?? null,
      allowInPerson: data.allowInPerson,
      updatedAt: ctx.now,
    };
    let row: SessionOnlineRow | undefined;
    if (!existing) {
      [row] = await tx
        .insert(sessionOnline)
        .values({ sessionId: session.id, eventId: event.id, ...values })
        .returning();
    } else {
      if (data.version === undefined) throw Invalid("validation", { version: "required" });
      [row] = await tx
        .update(sessionOnline)
        .set({ ...values, version: existing.version + 1 })
        .where(and(eq(sessionOnline.sessionId, session.id), eq(sessionOnline.version, data.version)))
        .returning();
      if (!row) throw Conflict("conflict.stale", { current: existing.version });
    }
    // The addresses themselves stay out of the log: they let anyone in.
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "session_online",
      entityId: session.id,
      action: existing ? "update" : "create",
      after: { provider: data.provider, channels: data.channels.map((c) => c.lang), livestream: !!data.livestreamUrl, allowInPerson: data.allowInPerson },
    });
    return row;
  });
}

export async function removeSessionOnline(ctx: StaffContext, event: EventRow, sessionId: unknown): Promise<void> {
  if (!can(ctx.actor, "hybrid.manage")) throw Forbidden();
  const id = toId(sessionId);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(sessionOnline)
      .where(and(eq(sessionOnline.eventId, event.id), eq(sessionOnline.sessionId, id ?? 0)))
      .returning({ id: sessionOnline.sessionId });
    if (!row) throw NotFound("session.not_found");
    await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "session_online", entityId: row.id, action: "delete" });
  });
}
