import { asc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/index.ts";
import { Forbidden, Invalid } from "../shared/errors.ts";
import { recordAudit } from "./audit.ts";
import { normaliseEmail } from "./auth.ts";
import { users } from "./schema.ts";

/** Lets a staff account create events, or takes that away. Instance administrators only; audited. */
export async function setEventCreator(ctx: { db: Db; user: { id: number; isAdmin: boolean } }, input: { email?: unknown; allowed: boolean }) {
  if (!ctx.user.isAdmin) throw Forbidden();
  const email = typeof input.email === "string" ? normaliseEmail(input.email) : "";
  if (!email.includes("@")) throw Invalid("validation", { email: "email.invalid" });
  return ctx.db.transaction(async (tx) => {
    const [user] = await tx.update(users).set({ canCreateEvents: input.allowed }).where(eq(users.email, email)).returning({ id: users.id, email: users.email });
    if (!user) throw Invalid("validation", { email: "account.not_found" });
    await recordAudit(tx, {
      eventId: null,
      actorId: ctx.user.id,
      entity: "user",
      entityId: user.id,
      action: input.allowed ? "grant" : "revoke",
      after: { canCreateEvents: input.allowed },
    });
    return user;
  });
}

/** The accounts (administrators aside) that may create events. */
export function listEventCreators(db: DbOrTx) {
  return db.select({ email: users.email, name: users.name }).from(users).where(eq(users.canCreateEvents, true)).orderBy(asc(users.email));
}
