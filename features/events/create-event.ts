import type { Db } from "../../db/index.ts";
import { recordAudit } from "../access/audit.ts";
import { roleGrants } from "../access/schema.ts";
import { Conflict, Forbidden, Invalid } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { checkLocalized } from "./check-languages.ts";
import { eventInput } from "./input.ts";
import { findEventBySlug } from "./queries.ts";
import { events } from "./schema.ts";

/** Instance administrators and the staff they let create events do; the creator becomes the event's owner. */
export async function createEvent(ctx: { db: Db; user: { id: number; isAdmin: boolean; canCreateEvents?: boolean } }, input: unknown) {
  if (!mayCreateEvents(ctx.user)) throw Forbidden();
  const data = parseInput(eventInput, input);
  const languages = [...new Set(data.languages)];
  const text = checkLocalized(
    languages,
    {
      title: data.title,
      shortTitle: data.shortTitle,
      description: data.description,
      venue: data.venue,
      city: data.city,
      notice: data.notice,
    },
    ["title"],
  );
  if (data.endDate < data.startDate) throw Invalid("validation", { endDate: "event.end_before_start" });

  return ctx.db.transaction(async (tx) => {
    if (await findEventBySlug(tx, data.slug)) throw Invalid("validation", { slug: "slug.taken" });
    const [event] = await tx
      .insert(events)
      .values({
        slug: data.slug,
        ...text,
        startDate: data.startDate,
        endDate: data.endDate,
        timezone: data.timezone,
        languages,
        format: data.format,
        interfaceLanguage: data.interfaceLanguage ?? "en",
        protocolLanguage: data.protocolLanguage ?? "en",
        status: "draft",
      })
      .returning();
    if (!event) throw Conflict("conflict");
    await tx.insert(roleGrants).values({ eventId: event.id, userId: ctx.user.id, role: "owner" });
    await recordAudit(tx, { eventId: event.id, actorId: ctx.user.id, entity: "event", entityId: event.id, action: "create", after: event });
    return event;
  });
}

export const mayCreateEvents = (user: { isAdmin: boolean; canCreateEvents?: boolean }) => user.isAdmin || user.canCreateEvents === true;
