import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import type { Config } from "../shared/config.ts";
import { hashPassword } from "./auth.ts";
import { users } from "./schema.ts";

export interface Credentials {
  email: string;
  password: string;
}
export interface Bootstrap {
  admin: Credentials;
  adminCreated: boolean;
  /** Set when the demo is on: its organiser's account. */
  demoOrganiser: Credentials | null;
  credentialsFile: string | null;
}

export const adminEmail = "admin@example.org";
export const demoOrganiserEmail = "organiser@example.org";

const generatePassword = () => randomBytes(12).toString("base64url");

/**
 * The first start creates the instance administrator and, for the demo, its organiser, with generated
 * passwords printed once and kept in `DATA_DIR/credentials.json` for the embedded default.
 */
export async function ensureInstanceAccounts(db: Db, config: Config, memory: boolean): Promise<Bootstrap> {
  const file = memory ? null : path.join(config.DATA_DIR, "credentials.json");
  const saved: Record<string, string> = file && existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const result: Bootstrap = {
    admin: { email: adminEmail, password: saved[adminEmail] ?? "" },
    adminCreated: false,
    demoOrganiser: null,
    credentialsFile: file,
  };

  const [existingAdmin] = await db.select({ id: users.id }).from(users).where(eq(users.isAdmin, true)).limit(1);
  if (!existingAdmin) {
    const password = generatePassword();
    await db
      .insert(users)
      .values({ email: adminEmail, name: "Instance administrator", isAdmin: true, passwordHash: await hashPassword(password) })
      .onConflictDoUpdate({ target: users.email, set: { isAdmin: true, passwordHash: await hashPassword(password) } });
    result.admin.password = password;
    result.adminCreated = true;
    saved[adminEmail] = password;
  }
  if (config.DEMO) {
    const [organiser] = await db.select({ id: users.id }).from(users).where(eq(users.email, demoOrganiserEmail));
    if (!organiser) {
      const password = generatePassword();
      // The printed demo organiser may create events of their own, as the administrator may let any staff member.
      await db.insert(users).values({ email: demoOrganiserEmail, name: "Demo organiser", canCreateEvents: true, passwordHash: await hashPassword(password) });
      saved[demoOrganiserEmail] = password;
    }
    result.demoOrganiser = { email: demoOrganiserEmail, password: saved[demoOrganiserEmail] ?? "(see the first start's output)" };
  }
  if (file) writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
  return result;
}
