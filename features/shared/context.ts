import type { Db } from "../../db/index.ts";
import type { Actor } from "../access/policy.ts";

/** What every command receives besides its data. */
export interface CommandContext {
  db: Db;
  actor: Actor;
  now: Date;
}
