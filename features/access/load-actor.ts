import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { sessions } from "../programme/schema.ts";
import type { Actor } from "./policy.ts";
import { roleGrants, sideEventGrants } from "./schema.ts";

export interface SignedInUser {
  id: number;
  email: string;
  name: string;
  isAdmin: boolean;
  /** May create events (and then owns them); administrators always may. */
  canCreateEvents: boolean;
  locale: string;
}

/** The user's grants inside one event. */
export async function loadActor(db: DbOrTx, user: SignedInUser | null, eventId: number): Promise<Actor | null> {
  if (!user) return null;
  const [grant] = await db
    .select({ role: roleGrants.role })
    .from(roleGrants)
    .where(and(eq(roleGrants.eventId, eventId), eq(roleGrants.userId, user.id)));
  const role = grant?.role ?? null;
  const sideEventIds =
    role === "side_event_partner"
      ? (
          await db
            .select({ id: sideEventGrants.sessionId })
            .from(sideEventGrants)
            .innerJoin(sessions, eq(sessions.id, sideEventGrants.sessionId))
            .where(and(eq(sideEventGrants.userId, user.id), eq(sessions.eventId, eventId)))
        ).map((r) => r.id)
      : [];
  return { userId: user.id, isAdmin: user.isAdmin, role, sideEventIds };
}
