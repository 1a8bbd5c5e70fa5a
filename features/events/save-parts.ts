import { and, eq } from "drizzle-orm";
import { recordAudit } from "../access/audit.ts";
import { type Action, can } from "../access/policy.ts";
import type { StaffContext } from "../shared/context.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { checkLocalized } from "./check-languages.ts";
import { organisationInput, pageInput, roomInput, trackInput } from "./input.ts";
import type { EventRow } from "./queries.ts";
import { organisations, pages, rooms, tracks } from "./schema.ts";

// Rooms, tracks, organisations and pages: small records that belong to an event, saved the same way.

type Kind = "room" | "track" | "organisation" | "page";
const tables = { room: rooms, track: tracks, organisation: organisations, page: pages } as const;
const permission: Record<Kind, Action> = { room: "programme.edit", track: "programme.edit", organisation: "organisations.edit", page: "pages.edit" };

async function load(ctx: StaffContext, kind: Kind, event: EventRow, id: number) {
  const table = tables[kind];
  const [row] = await ctx.db
    .select()
    .from(table)
    .where(and(eq(table.id, id), eq(table.eventId, event.id)));
  if (!row) throw NotFound();
  return row as Record<string, unknown> & { id: number };
}

function parse(kind: Kind, event: EventRow, input: unknown) {
  switch (kind) {
    case "room": {
      const d = parseInput(roomInput, input);
      return { ...checkLocalized(event.languages, { name: d.name }, ["name"]), capacity: d.capacity ?? null, position: d.position ?? 0 };
    }
    case "track": {
      const d = parseInput(trackInput, input);
      return { slug: d.slug, ...checkLocalized(event.languages, { name: d.name }, ["name"]), color: d.color ?? "#1f5f8b", position: d.position ?? 0 };
    }
    case "organisation": {
      const d = parseInput(organisationInput, input);
      return {
        ...checkLocalized(event.languages, { name: d.name, acronym: d.acronym }, ["name"]),
        role: d.role,
        url: d.url || null,
        position: d.position ?? 0,
      };
    }
    case "page": {
      const d = parseInput(pageInput, input);
      return { slug: d.slug, ...checkLocalized(event.languages, { title: d.title, body: d.body }, ["title"]), position: d.position ?? 0 };
    }
  }
}

/** Creates (`id` null) or saves a part of the event. Pages carry a version: a stale save is refused. */
export async function saveEventPart(ctx: StaffContext, kind: Kind, event: EventRow, id: number | null, input: unknown) {
  if (!can(ctx.actor, permission[kind])) throw Forbidden();
  const values = parse(kind, event, input);
  const before = id ? await load(ctx, kind, event, id) : null;
  const table = tables[kind];
  return ctx.db.transaction(async (tx) => {
    if ("slug" in values && (!before || before.slug !== values.slug)) {
      const [clash] = await tx
        .select({ id: table.id })
        .from(table)
        .where(and(eq(table.eventId, event.id), eq((table as typeof pages).slug, values.slug as string)));
      if (clash) throw Invalid("validation", { slug: "slug.taken" });
    }
    let saved: Record<string, unknown> | undefined;
    if (before) {
      if (kind === "page") {
        const version = Number((input as { version?: unknown }).version);
        if (!Number.isInteger(version)) throw Invalid("validation", { version: "required" });
        [saved] = await tx
          .update(pages)
          .set({ ...(values as object), version: version + 1 })
          .where(and(eq(pages.id, before.id), eq(pages.version, version)))
          .returning();
        if (!saved) throw Conflict("conflict.stale", { current: before.version });
      } else {
        [saved] = await tx
          .update(table)
          .set(values as never)
          .where(eq(table.id, before.id))
          .returning();
      }
    } else {
      [saved] = await tx
        .insert(table)
        .values({ ...(values as object), eventId: event.id } as never)
        .returning();
    }
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: kind,
      entityId: saved!.id as number,
      action: before ? "update" : "create",
      before: before ?? undefined,
      after: saved,
    });
    return saved!;
  });
}

export async function deleteEventPart(ctx: StaffContext, kind: Kind, event: EventRow, id: number) {
  if (!can(ctx.actor, permission[kind])) throw Forbidden();
  const before = await load(ctx, kind, event, id);
  const table = tables[kind];
  await ctx.db.transaction(async (tx) => {
    await tx.delete(table).where(and(eq(table.id, id), eq(table.eventId, event.id)));
    await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: kind, entityId: id, action: "delete", before });
  });
}
