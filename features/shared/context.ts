import type { Db } from "../../db/index.ts";
import type { Actor } from "../access/policy.ts";

/** What every command receives besides its data, whoever acts. */
interface BaseContext {
  db: Db;
  now: Date;
  /** The address links in emails start with (PUBLIC_URL). */
  publicUrl: string;
}

/** A signed-in staff member or an API token acts: the policy decides from `actor`. */
export interface StaffContext extends BaseContext {
  actor: Actor;
}

/**
 * Someone without an account acts through a personal link (a focal point, a participant): the link in the
 * URL is the credential, resolved before the command runs; `client` is the address rate limits count by.
 */
export interface LinkContext extends BaseContext {
  client: string;
}

/** Anyone acts (open registration): nothing but the client address to go by. */
export interface PublicContext extends BaseContext {
  client: string;
}
