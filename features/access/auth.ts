import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/index.ts";
import { createTranslator } from "../../i18n/index.ts";
import { enqueueMail } from "../mail/outbox.ts";
import { AppError, Invalid } from "../shared/errors.ts";
import { recordAudit } from "./audit.ts";
import type { SignedInUser } from "./load-actor.ts";
import { checkRateLimit, clearRateLimits, countHit, hitRateLimit } from "./rate-limit.ts";
import { authSessions, passwordResets, users } from "./schema.ts";

export const sessionCookieName = "plenary_session";
export const sessionDays = 14;

/** Argon2id with the library's defaults (19 MiB, 2 passes): slow and salted. */
export const hashPassword = (password: string) => hash(password);
export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
export const newToken = () => randomBytes(32).toString("base64url");

export function normaliseEmail(email: string): string {
  if (email.includes("\u0000") || email.length > 320) throw Invalid("validation", { email: "email.invalid" });
  return email.trim().toLowerCase();
}

export async function createAuthSession(db: DbOrTx, userId: number, now = new Date()): Promise<string> {
  const token = newToken();
  await db.insert(authSessions).values({ tokenHash: sha256(token), userId, expiresAt: new Date(now.getTime() + sessionDays * 86_400_000) });
  return token;
}

export async function userForSessionToken(db: DbOrTx, token: string | undefined, now = new Date()): Promise<SignedInUser | null> {
  if (!token || token.length > 100) return null;
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, isAdmin: users.isAdmin, canCreateEvents: users.canCreateEvents, locale: users.locale })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(and(eq(authSessions.tokenHash, sha256(token)), gt(authSessions.expiresAt, now)));
  return row ?? null;
}

export async function signOut(db: DbOrTx, token: string | undefined): Promise<void> {
  if (token) await db.delete(authSessions).where(eq(authSessions.tokenHash, sha256(token)));
}

/**
 * Email and password → a new session token. Failed attempts are limited per client address (30 per 15
 * minutes) and per email from that address (10 per 15 minutes). Nothing counts per email alone, so wrong
 * guesses from elsewhere can never lock the right person out; a sign-in that succeeds costs nothing; a
 * wrong email costs as much time as a wrong password.
 */
export async function signIn(db: Db, input: { email?: unknown; password?: unknown }, client: string, now = new Date()) {
  const email = typeof input.email === "string" ? normaliseEmail(input.email) : "";
  const password = typeof input.password === "string" ? input.password.slice(0, 1000) : "";
  const fields: Record<string, string> = {};
  if (!email) fields.email = "required";
  if (!password) fields.password = "required";
  if (Object.keys(fields).length) throw Invalid("validation", fields);
  const clientKey = `sign-in:client:${sha256(client)}`;
  const pairKey = signInPairKey(email, client);
  await checkRateLimit(db, [clientKey], signInLimits.perClient, signInLimits.windowMs, now);
  await checkRateLimit(db, [pairKey], signInLimits.perEmailAndClient, signInLimits.windowMs, now);
  const [user] = await db.select().from(users).where(eq(users.email, email));
  let ok = false;
  if (user?.passwordHash) ok = await verify(user.passwordHash, password);
  else await verify((dummyHash ??= await hash("not a password")), password);
  if (!user || !ok) {
    await countHit(db, clientKey, signInLimits.windowMs, now);
    await countHit(db, pairKey, signInLimits.windowMs, now);
    throw new AppError(401, "auth.invalid_credentials");
  }
  await db.delete(authSessions).where(lt(authSessions.expiresAt, now));
  return { user, token: await createAuthSession(db, user.id, now) };
}
export const signInLimits = { perClient: 30, perEmailAndClient: 10, windowMs: 15 * 60_000 };
const signInPairPrefix = (email: string) => `sign-in:pair:${sha256(email)}:`;
const signInPairKey = (email: string, client: string) => `${signInPairPrefix(email)}${sha256(client)}`;
let dummyHash: string | undefined;

/** CSRF token for forms: bound to the browser's session, so a token from another session is worthless. */
export function csrfToken(secret: string, sessionToken: string): string {
  return createHmac("sha256", secret)
    .update(`csrf:${sha256(sessionToken)}`)
    .digest("base64url");
}

export function checkCsrf(secret: string, sessionToken: string | undefined, submitted: unknown): boolean {
  if (!sessionToken || typeof submitted !== "string") return false;
  const expected = Buffer.from(csrfToken(secret, sessionToken));
  const actual = Buffer.from(submitted);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * Always answers the same, whether or not the address is known, so it reveals nothing.
 * The email leaves through the outbox, in the user's language.
 */
export async function requestPasswordReset(db: Db, emailInput: unknown, publicUrl: string, client: string, now = new Date()): Promise<void> {
  const email = typeof emailInput === "string" ? normaliseEmail(emailInput) : "";
  if (!email?.includes("@")) throw Invalid("validation", { email: "email.invalid" });
  await hitRateLimit(db, `reset:client:${sha256(client)}`, 10, 60 * 60_000, now);
  // Per email only from one address: requests from elsewhere cannot use up the owner's resets.
  await hitRateLimit(db, `reset:pair:${sha256(email)}:${sha256(client)}`, 5, 60 * 60_000, now);
  const [user] = await db.select().from(users).where(eq(users.email, email));
  if (!user) return;
  const token = newToken();
  const t = createTranslator(user.locale);
  await db.transaction(async (tx) => {
    await tx.insert(passwordResets).values({ tokenHash: sha256(token), userId: user.id, expiresAt: new Date(now.getTime() + 60 * 60_000) });
    await enqueueMail(tx, {
      to: user.email,
      lang: user.locale,
      subject: t("mail.reset.subject"),
      text: t("mail.reset.body", { name: user.name, link: `${publicUrl}/admin/reset/${token}` }),
      idempotencyKey: `password-reset:${sha256(token)}`,
    });
  });
}

export async function resetPassword(db: Db, token: string, passwordInput: unknown, now = new Date()): Promise<void> {
  const password = typeof passwordInput === "string" ? passwordInput : "";
  if (password.length < 10) throw Invalid("validation", { password: "password.too_short" }, { min: 10 });
  if (password.length > 200) throw Invalid("validation", { password: "too_long" });
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, sha256(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning();
    if (!reset) throw new AppError(400, "auth.reset_link_invalid");
    // One new password ends every other reset link the user was sent, and the failed sign-ins before it.
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)));
    const [user] = await tx.update(users).set({ passwordHash }).where(eq(users.id, reset.userId)).returning({ email: users.email });
    if (user) await clearRateLimits(tx, signInPairPrefix(user.email));
    await tx.delete(authSessions).where(eq(authSessions.userId, reset.userId));
    await recordAudit(tx, { eventId: null, actorId: reset.userId, entity: "user", entityId: reset.userId, action: "password_reset" });
  });
}
