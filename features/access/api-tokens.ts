import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/index.ts";
import type { StaffContext } from "../shared/context.ts";
import { Forbidden, Invalid, NotFound } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { recordAudit } from "./audit.ts";
import { loadActor } from "./load-actor.ts";
import { type Actor, can, mayGrantTokenScope } from "./policy.ts";
import { apiTokenScopes, apiTokens, users } from "./schema.ts";

/**
 * Bearer tokens for integrations (a badge printer, a CRM, a hotel booking system), one event each.
 * The token is 256 random bits shown once; only its SHA-256 is kept. A token stops working when it is
 * revoked, and when its creator may no longer manage the event's registrations; it never does more than
 * its creator may still do. A role's scope is handed out only by someone who holds that role's grants.
 */
export const apiTokenPrefix = "plnr_";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export const apiTokenInput = z.object({
  name: z.string().trim().min(1).max(100),
  scope: z.enum(apiTokenScopes),
});

export async function createApiToken(ctx: StaffContext, eventId: number, input: unknown): Promise<{ id: number; token: string }> {
  if (!can(ctx.actor, "registrations.manage") || ctx.actor.token) throw Forbidden();
  const data = parseInput(apiTokenInput, input);
  if (!mayGrantTokenScope(ctx.actor, data.scope)) throw Invalid("validation", { scope: "api_token.scope_beyond_role" });
  const token = apiTokenPrefix + randomBytes(32).toString("base64url");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ eventId, name: data.name, scope: data.scope, tokenHash: hash(token), createdBy: ctx.actor.userId, createdAt: ctx.now })
      .returning();
    await recordAudit(tx, {
      eventId,
      actorId: ctx.actor.userId,
      entity: "api_token",
      entityId: row.id,
      action: "create",
      after: { name: row.name, scope: row.scope },
    });
    return { id: row.id, token };
  });
}

export async function revokeApiToken(ctx: StaffContext, eventId: number, id: number): Promise<void> {
  if (!can(ctx.actor, "registrations.manage") || ctx.actor.token) throw Forbidden();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: ctx.now })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.eventId, eventId), isNull(apiTokens.revokedAt)))
      .returning();
    if (!row) throw NotFound();
    await recordAudit(tx, { eventId, actorId: ctx.actor.userId, entity: "api_token", entityId: id, action: "revoke", after: { name: row.name } });
  });
}

export async function listApiTokens(db: DbOrTx, eventId: number) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scope: apiTokens.scope,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      createdBy: users.name,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.eventId, eventId))
    .orderBy(asc(apiTokens.id));
}

/** The actor a token stands for in this event, or null: unknown, revoked, another event's, or its creator lost the right. */
export async function actorForApiToken(db: DbOrTx, token: string, eventId: number, now = new Date()): Promise<Actor | null> {
  if (!token.startsWith(apiTokenPrefix) || token.length > 200) return null;
  const [row] = await db
    .select({ id: apiTokens.id, scope: apiTokens.scope, revokedAt: apiTokens.revokedAt, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(and(eq(apiTokens.tokenHash, hash(token)), eq(apiTokens.eventId, eventId)));
  if (!row || row.revokedAt) return null;
  const creator = await loadActor(db, row.user, eventId);
  if (!creator || !can(creator, "registrations.manage")) return null;
  // Written at most once a minute, so a busy integration does not turn every read into a write.
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - 60_000)))));
  // The creator's grants travel with the token: it never does more than they may still do (features/access/policy.ts).
  return { userId: row.user.id, isAdmin: creator.isAdmin, role: creator.role, sideEventIds: [], token: row.scope };
}
