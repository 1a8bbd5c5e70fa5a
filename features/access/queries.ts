import { and, asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { isInterfaceLanguage } from "../../i18n/index.ts";
import { sessions } from "../programme/schema.ts";
import { auditLog, roleGrants, sideEventGrants, users } from "./schema.ts";

/** Who holds a role in the event, its side events, and which partner may edit which of them (the access page). */
export async function loadEventAccess(db: DbOrTx, eventId: number) {
  const [grants, sideEvents, partnerGrants] = await Promise.all([
    db
      .select({ userId: users.id, email: users.email, name: users.name, role: roleGrants.role })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .where(eq(roleGrants.eventId, eventId))
      .orderBy(asc(users.email)),
    db
      .select({ id: sessions.id, title: sessions.title })
      .from(sessions)
      .where(and(eq(sessions.eventId, eventId), eq(sessions.kind, "side_event")))
      .orderBy(asc(sessions.startsAt)),
    db
      .select({ userId: sideEventGrants.userId, sessionId: sideEventGrants.sessionId })
      .from(sideEventGrants)
      .innerJoin(sessions, eq(sessions.id, sideEventGrants.sessionId))
      .where(eq(sessions.eventId, eventId)),
  ]);
  return { grants, sideEvents, partnerGrants };
}

/** One page of the event's audit log, newest first, with the actor's email; `more` says whether another page follows. */
export async function listAuditEntries(db: DbOrTx, eventId: number, page: number, pageSize: number) {
  const entries = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
      actor: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(eq(auditLog.eventId, eventId))
    .orderBy(desc(auditLog.id))
    .limit(pageSize + 1)
    .offset(page * pageSize);
  return { entries: entries.slice(0, pageSize), more: entries.length > pageSize };
}

/** A signed-in person's interface language; anything but an interface language is ignored. */
export async function setUserLocale(db: DbOrTx, userId: number, locale: string): Promise<void> {
  if (isInterfaceLanguage(locale)) await db.update(users).set({ locale }).where(eq(users.id, userId));
}
