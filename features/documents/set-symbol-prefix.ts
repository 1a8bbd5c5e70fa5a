import { eq } from "drizzle-orm";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import { events } from "../events/schema.ts";
import type { StaffContext } from "../shared/context.ts";
import { Forbidden, Invalid } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { prefixInput } from "./input.ts";
import { normalisePrefix } from "./symbols.ts";

/** What the event's new symbols start with (`TC/2022`). Documents already given a symbol keep it. */
export async function setSymbolPrefix(ctx: StaffContext, event: EventRow, input: unknown): Promise<string> {
  if (!can(ctx.actor, "library.edit")) throw Forbidden();
  const prefix = normalisePrefix(parseInput(prefixInput, input).prefix);
  if (!prefix) throw Invalid("validation", { prefix: "library.prefix_format" });
  await ctx.db.transaction(async (tx) => {
    await tx.update(events).set({ documentPrefix: prefix }).where(eq(events.id, event.id));
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "event",
      entityId: event.id,
      action: "update",
      before: { documentPrefix: event.documentPrefix },
      after: { documentPrefix: prefix },
    });
  });
  return prefix;
}
