import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../db/index.ts";
import { newToken, sha256 } from "../../access/auth.ts";
import { MemoryRateLimit } from "../../access/rate-limit.ts";
import { AppError } from "../../shared/errors.ts";
import { accessLinks, type LinkPurpose } from "../schema.ts";

export type AccessLink = typeof accessLinks.$inferSelect;

/** A new unguessable link (256 random bits); returns the token, of which only the hash is kept. */
export async function createLink(
  tx: DbOrTx,
  link: { eventId: number; purpose: LinkPurpose; delegationId?: number; participantId?: number; invitationId?: number; expiresAt: Date },
): Promise<string> {
  const token = newToken();
  await tx.insert(accessLinks).values({ tokenHash: sha256(token), ...link });
  return token;
}

/** Many links at once (a reminder to thousands): one multi-row insert per 1,000. Returns the tokens, in order. */
export async function createLinks(tx: DbOrTx, links: { eventId: number; purpose: LinkPurpose; participantId?: number; expiresAt: Date }[]): Promise<string[]> {
  const tokens = links.map(() => newToken());
  for (let i = 0; i < links.length; i += 1000) {
    await tx.insert(accessLinks).values(links.slice(i, i + 1000).map((link, j) => ({ tokenHash: sha256(tokens[i + j]), ...link })));
  }
  return tokens;
}

/** 120 link lookups a minute per client and instance, counted in memory: viewing a page writes nothing. */
const linkLookups = new MemoryRateLimit(120, 60_000);

/**
 * The link behind a token, if it is for this event and purpose and still valid. A wrong or tampered token
 * and an expired one get different messages; lookups are rate-limited per client.
 */
export async function resolveLink(db: DbOrTx, token: string, eventId: number, purpose: LinkPurpose, client: string, now = new Date()): Promise<AccessLink> {
  linkLookups.hit(client);
  if (!/^[\w-]{20,100}$/.test(token)) throw new AppError(404, "link.invalid");
  const [link] = await db
    .select()
    .from(accessLinks)
    .where(and(eq(accessLinks.tokenHash, sha256(token)), eq(accessLinks.eventId, eventId), eq(accessLinks.purpose, purpose)));
  if (!link || link.revokedAt) throw new AppError(404, "link.invalid");
  if (link.expiresAt <= now) throw new AppError(410, "link.expired");
  return link;
}

/** Revokes every live link of a delegation or participant (before re-sending a fresh one). */
export async function revokeLinks(tx: DbOrTx, where: { delegationId?: number; participantId?: number }, now = new Date()) {
  const target = where.delegationId !== undefined ? eq(accessLinks.delegationId, where.delegationId) : eq(accessLinks.participantId, where.participantId!);
  await tx
    .update(accessLinks)
    .set({ revokedAt: now })
    .where(and(target, isNull(accessLinks.revokedAt), gt(accessLinks.expiresAt, now)));
}
