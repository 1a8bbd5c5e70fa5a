import { eq } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { zonedToUtc } from "../../i18n/format.ts";
import type { Bootstrap } from "../access/bootstrap.ts";
import { roleGrants, users } from "../access/schema.ts";
import { events, organisations, pages, rooms, tracks } from "../events/schema.ts";
import { persons, sessionPeople, sessions } from "../programme/schema.ts";
import { demoEvent, demoOrganisations, demoPages, demoPersons, demoRooms, demoSessions, demoSlug, demoTracks } from "./content.ts";
import { seedDemoLibrary } from "./library.ts";
import { seedDemoRegistrations } from "./registrations.ts";

/** Loads the reference conference once, on a database that does not have it yet. */
export async function seedDemo(db: Db, bootstrap: Bootstrap): Promise<void> {
  const [existing] = await db.select({ id: events.id }).from(events).where(eq(events.slug, demoSlug));
  if (existing) return;
  await db.transaction(async (tx) => {
    const [event] = await tx
      .insert(events)
      .values({ ...demoEvent, status: "published" })
      .returning();
    const id = (rows: { id: number }[], keys: string[]) => Object.fromEntries(keys.map((k, i) => [k, rows[i].id]));
    const roomIds = id(
      await tx
        .insert(rooms)
        .values(demoRooms.map((r, i) => ({ eventId: event.id, name: r.name, capacity: r.capacity, position: i })))
        .returning({ id: rooms.id }),
      demoRooms.map((r) => r.key),
    );
    const trackIds = id(
      await tx
        .insert(tracks)
        .values(demoTracks.map((t, i) => ({ eventId: event.id, ...t, position: i })))
        .returning({ id: tracks.id }),
      demoTracks.map((t) => t.slug),
    );
    const orgIds = id(
      await tx
        .insert(organisations)
        .values(demoOrganisations.map((o, i) => ({ eventId: event.id, name: o.name, acronym: o.acronym, role: o.role, url: o.url ?? null, position: i })))
        .returning({ id: organisations.id }),
      demoOrganisations.map((o) => o.key),
    );
    const personIds = id(
      await tx
        .insert(persons)
        .values(
          demoPersons.map((p) => ({
            eventId: event.id,
            name: p.name,
            position: p.position ?? {},
            organisation: p.organisation ?? {},
            honorific: p.honorific ?? {},
            country: p.country ?? null,
          })),
        )
        .returning({ id: persons.id }),
      demoPersons.map((p) => p.key),
    );
    await tx.insert(pages).values(demoPages.map((p, i) => ({ eventId: event.id, ...p, position: i })));
    await seedDemoLibrary(tx, event.id);

    for (const s of demoSessions) {
      const date = s.day === 1 ? demoEvent.startDate : demoEvent.endDate;
      const [session] = await tx
        .insert(sessions)
        .values({
          eventId: event.id,
          kind: s.kind,
          title: s.title,
          description: s.description ?? {},
          startsAt: zonedToUtc(`${date}T${s.start}`, demoEvent.timezone)!,
          endsAt: zonedToUtc(`${date}T${s.end}`, demoEvent.timezone)!,
          roomId: roomIds[s.room],
          trackId: trackIds[s.track],
          organiserId: s.organiser ? orgIds[s.organiser] : null,
          workingLanguage: s.kind === "break" ? null : "en",
          interpretation: s.interpretation ?? [],
        })
        .returning({ id: sessions.id });
      if (s.people?.length) {
        await tx.insert(sessionPeople).values(s.people.map(([key, role], position) => ({ sessionId: session.id, personId: personIds[key], role, position })));
      }
    }
    await seedDemoRegistrations(tx, event.id);
    if (bootstrap.demoOrganiser) {
      const [organiser] = await tx.select({ id: users.id }).from(users).where(eq(users.email, bootstrap.demoOrganiser.email));
      if (organiser) await tx.insert(roleGrants).values({ eventId: event.id, userId: organiser.id, role: "organiser" }).onConflictDoNothing();
    }
    const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.email, bootstrap.admin.email));
    if (admin) await tx.insert(roleGrants).values({ eventId: event.id, userId: admin.id, role: "owner" }).onConflictDoNothing();
  });
}
