import { eq } from "drizzle-orm";
import { createAuthSession, csrfToken, hashPassword } from "../features/access/auth.ts";
import { type Role, roleGrants, sideEventGrants, users } from "../features/access/schema.ts";
import type { TestServer } from "./server.ts";

export interface Staff {
  userId: number;
  cookie: string;
  csrf: string;
  /** POSTs a form as this user (CSRF token included unless `csrf: false`). */
  post(path: string, fields: Record<string, string | string[] | Blob>, options?: { csrf?: boolean; lang?: string }): Promise<Response>;
  get(path: string, lang?: string): Promise<Response>;
}

/** A signed-in staff member: an existing account by email, or a new one with `role` in the event. */
export async function staff(
  app: TestServer,
  who: { email: string; role?: Role; eventId?: number; sideEventIds?: number[]; isAdmin?: boolean },
): Promise<Staff> {
  const db = app.services.db;
  let [user] = await db.select().from(users).where(eq(users.email, who.email));
  if (!user) {
    [user] = await db
      .insert(users)
      .values({ email: who.email, name: who.email.split("@")[0], isAdmin: who.isAdmin ?? false, passwordHash: await hashPassword("correct horse battery") })
      .returning();
  }
  if (who.role && who.eventId) {
    await db
      .insert(roleGrants)
      .values({ eventId: who.eventId, userId: user.id, role: who.role })
      .onConflictDoUpdate({ target: [roleGrants.eventId, roleGrants.userId], set: { role: who.role } });
  }
  for (const sessionId of who.sideEventIds ?? []) await db.insert(sideEventGrants).values({ userId: user.id, sessionId }).onConflictDoNothing();
  const token = await createAuthSession(db, user.id);
  const cookie = `plenary_session=${token}`;
  const csrf = csrfToken(app.services.secret, token);
  return {
    userId: user.id,
    cookie,
    csrf,
    post(path, fields, options = {}) {
      const form = new FormData();
      if (options.csrf !== false) form.set("_csrf", csrf);
      for (const [k, v] of Object.entries(fields)) {
        if (Array.isArray(v)) for (const item of v) form.append(k, item);
        else form.set(k, v);
      }
      return app.fetch(path, { method: "POST", body: form, headers: { cookie, "accept-language": options.lang ?? "en" } });
    },
    get(path, lang = "en") {
      return app.fetch(path, { headers: { cookie, "accept-language": lang } });
    },
  };
}

/** Polls the SMTP sink folder until a message for `to` (with a subject matching `subject`) arrives. */
export async function waitForMail(app: TestServer, to: string, subject?: RegExp, timeoutMs = 15_000) {
  const { readSink } = await import("../features/mail/sink.ts");
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const found = (await readSink(app.mailDir)).find((m) => m.to.includes(to) && (!subject || subject.test(m.subject)));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail for ${to}`);
}
