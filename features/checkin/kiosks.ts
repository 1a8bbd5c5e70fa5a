import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { recordAudit } from "../access/audit.ts";
import { newToken, sha256 } from "../access/auth.ts";
import { can } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import { events } from "../events/schema.ts";
import type { StaffContext } from "../shared/context.ts";
import { Forbidden, NotFound } from "../shared/errors.ts";
import { parseInput, toId } from "../shared/validate.ts";
import { kioskInput } from "./input.ts";
import { checkinLists, kiosks } from "./schema.ts";

/**
 * Registers a device as the kiosk of one door or room. The token is shown once (in the device link);
 * only its hash is kept. Staff who manage doors, or a check-in operator, may do it.
 */
export async function registerKiosk(ctx: StaffContext, event: EventRow, input: unknown): Promise<{ id: number; token: string }> {
  if (!can(ctx.actor, "doors.operate")) throw Forbidden();
  const data = parseInput(kioskInput, input);
  return ctx.db.transaction(async (tx) => {
    const [list] = await tx
      .select({ id: checkinLists.id })
      .from(checkinLists)
      .where(and(eq(checkinLists.eventId, event.id), eq(checkinLists.id, data.listId)));
    if (!list) throw NotFound("checkin_list.not_found");
    const token = newToken();
    const [row] = await tx
      .insert(kiosks)
      .values({ eventId: event.id, listId: list.id, name: data.name, tokenHash: sha256(token), createdBy: ctx.actor.userId, createdAt: ctx.now })
      .returning({ id: kiosks.id });
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "kiosk",
      entityId: row.id,
      action: "create",
      after: { name: data.name, listId: list.id },
    });
    return { id: row.id, token };
  });
}

export async function revokeKiosk(ctx: StaffContext, event: EventRow, kioskId: unknown): Promise<void> {
  if (!can(ctx.actor, "doors.manage")) throw Forbidden();
  const id = toId(kioskId);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(kiosks)
      .set({ revokedAt: ctx.now })
      .where(and(eq(kiosks.eventId, event.id), eq(kiosks.id, id ?? 0), isNull(kiosks.revokedAt)))
      .returning({ id: kiosks.id, name: kiosks.name });
    if (!row) throw NotFound("kiosk.not_found");
    await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "kiosk", entityId: row.id, action: "revoke", before: { name: row.name } });
  });
}

export type KioskSession = NonNullable<Awaited<ReturnType<typeof kioskForToken>>>;

/** Per instance (its database handle: tests run several in one process), by token. */
const sessionsByInstance = new WeakMap<object, Map<string, { at: number; session: KioskSession }>>();
/** A safety net only: a session is forgotten as soon as its event is written to (`forgetKioskSessions`). */
const keepMs = 60_000;

/**
 * `kioskForToken`, kept per instance: scans arrive by the thousand per kiosk, and the token is looked up
 * once, not once a request. Any write to the event (a kiosk withdrawn, a door's rules changed) forgets its
 * kiosks' sessions on every instance, through the cache notices of server/notifications.ts, within
 * milliseconds; a scan of a withdrawn kiosk that arrives before the notice is refused by the commit itself
 * (store-scans.ts reads the kiosk's row).
 */
export async function recentKioskForToken(db: DbOrTx, token: string, now = Date.now()): Promise<KioskSession | undefined> {
  let sessions = sessionsByInstance.get(db);
  if (!sessions) sessionsByInstance.set(db, (sessions = new Map()));
  const cached = sessions.get(token);
  if (cached && cached.at > now - keepMs) return cached.session;
  const session = await kioskForToken(db, token);
  if (session) {
    if (sessions.size > 10_000) sessions.clear();
    sessions.set(token, { at: now, session });
  } else sessions.delete(token);
  return session;
}

/** Forgets the kept kiosk sessions of an event (by slug), or of every event (null). */
export function forgetKioskSessions(db: DbOrTx, slug: string | null): void {
  const sessions = sessionsByInstance.get(db);
  if (!sessions) return;
  if (slug === null) sessions.clear();
  else for (const [token, cached] of sessions) if (cached.session.event.slug === slug) sessions.delete(token);
}

/** The kiosk, its list and its event for a device token; undefined for an unknown or revoked one. */
export async function kioskForToken(db: DbOrTx, token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const [row] = await db
    .select({ kiosk: kiosks, list: checkinLists, event: events })
    .from(kiosks)
    .innerJoin(checkinLists, eq(checkinLists.id, kiosks.listId))
    .innerJoin(events, eq(events.id, kiosks.eventId))
    .where(and(eq(kiosks.tokenHash, sha256(token)), isNull(kiosks.revokedAt)));
  return row;
}
