import { createHmac } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { sha256 } from "../access/auth.ts";
import { type BadgeDesign, builtInDesign } from "../badges/design.ts";
import { issueBadges, participantsNeedingBadges } from "../badges/issue-badges.ts";
import { badgeDesigns, badgeKeys, badges } from "../badges/schema.ts";
import { checkinLists, kiosks } from "../checkin/schema.ts";
import { events, rooms } from "../events/schema.ts";
import { sessionOnline } from "../hybrid/schema.ts";
import { sessions } from "../programme/schema.ts";
import { categories, participants } from "../registration/schema.ts";
import { demoSlug } from "./content.ts";

/** The demo's kiosks: a door and a room, each with a device link the start-up text prints. */
export const demoKiosks = [
  { key: "main-entrance", name: "Main entrance · gate 1", list: { en: "Main entrance", ru: "Главный вход", uz: "Asosiy kirish" }, kind: "door" as const },
  {
    key: "plenary-hall",
    name: "Plenary Hall · north door",
    list: { en: "Plenary Hall", ru: "Пленарный зал", uz: "Yalpi majlislar zali" },
    kind: "room" as const,
  },
];

/**
 * A demo kiosk's device token, the same at every start of this installation (derived from its secret), so
 * the start-up text can print its link again. Real kiosks get random tokens, shown once.
 */
export function demoKioskToken(secret: string, key: string): string {
  return createHmac("sha256", secret).update(`demo-kiosk:${key}`).digest("base64url");
}

/** The demo's badge designs: an A6 default and one per group of categories, each with its own colours. */
const demoDesigns: { codes: string[] | null; design: Partial<BadgeDesign> }[] = [
  { codes: null, design: { front: { ...builtInDesign.front, logo: true } } },
  {
    codes: ["hod", "delegate"],
    design: { textColour: "#10243e", backgroundColour: "#fdfaf2", front: { ...builtInDesign.front, logo: true } },
  },
  {
    codes: ["observer", "organisation"],
    design: { textColour: "#2b1a47", backgroundColour: "#f3effa", front: { ...builtInDesign.front, logo: true } },
  },
  {
    codes: ["media"],
    design: {
      textColour: "#5a1a12",
      backgroundColour: "#fff4f2",
      bandPosition: "bottom",
      sides: 2,
      front: { ...builtInDesign.front, logo: true, localName: false },
      backText: { en: "Press centre: +998 71 202 00 00", ru: "Пресс-центр: +998 71 202 00 00", uz: "Matbuot markazi: +998 71 202 00 00" },
    },
  },
  {
    codes: ["staff", "security"],
    design: {
      size: "cr80",
      textColour: "#ffffff",
      backgroundColour: "#1f1f1f",
      bandPosition: "bottom",
      front: { ...builtInDesign.front, position: false, affiliation: false, country: false },
    },
  },
];

/** Adds the demo's badge designs once (also to a demo database made before designs existed). */
export async function seedDemoBadgeDesigns(db: Db, eventId: number): Promise<void> {
  const [any] = await db.select({ id: badgeDesigns.id }).from(badgeDesigns).where(eq(badgeDesigns.eventId, eventId)).limit(1);
  if (any) return;
  const cats = await db.select({ id: categories.id, code: categories.code }).from(categories).where(eq(categories.eventId, eventId));
  const rows = demoDesigns.flatMap(({ codes, design }) =>
    (codes ? cats.filter((c) => codes.includes(c.code)).map((c) => c.id) : [null]).map((categoryId) => ({ eventId, categoryId, ...builtInDesign, ...design })),
  );
  await db.insert(badgeDesigns).values(rows).onConflictDoNothing();
}

/** Fictional people who follow the conference online (our own names, example.org addresses). */
const onlinePeople = [
  { givenName: "Aigerim", familyName: "Sadykova", country: "KZ", lang: "ru", organisation: "Regional research network (demo)" },
  { givenName: "Tomás", familyName: "Iriarte", country: "ES", lang: "en", organisation: "Policy institute (demo)" },
  { givenName: "Nodira", familyName: "Yusupova", country: "UZ", lang: "uz", organisation: "Youth council (demo)" },
];

/**
 * The conference days of the demo, added to a demo database once: badges issued and printed for everyone
 * accredited in person, a door and a room with their kiosks, a category of online participants, and the
 * plenary sessions online with interpretation in English, Russian and Uzbek.
 */
export async function seedDemoVenue(db: Db, secret: string): Promise<void> {
  const [event] = await db.select().from(events).where(eq(events.slug, demoSlug));
  if (!event) return;
  await seedDemoBadgeDesigns(db, event.id);
  const [done] = await db.select({ id: badgeKeys.id }).from(badgeKeys).where(eq(badgeKeys.eventId, event.id)).limit(1);
  if (done) return;
  await db.transaction(async (tx) => {
    const [online] = await tx
      .insert(categories)
      .values({
        eventId: event.id,
        code: "online",
        name: { en: "Online participant", ru: "Участник онлайн", uz: "Onlayn ishtirokchi" },
        colour: "#44546a",
        letter: "V",
        attendance: "online",
        position: 100,
      })
      .onConflictDoNothing()
      .returning({ id: categories.id });
    if (online) {
      await tx.insert(participants).values(
        onlinePeople.map((p, i) => ({
          eventId: event.id,
          categoryId: online.id,
          status: "approved" as const,
          ...p,
          email: `online${i + 1}.demo@example.org`,
          consentData: true,
        })),
      );
    }
    const ids = await participantsNeedingBadges(tx, event);
    const issued = await issueBadges(tx, event, ids, secret, new Date());
    // Printed for the demo: "what changed since the last print" starts empty.
    for (const b of issued) await tx.update(badges).set({ printedAt: new Date(), printedVersion: b.version }).where(eq(badges.id, b.id));

    const [hall] = await tx
      .select({ id: rooms.id })
      .from(rooms)
      .where(and(eq(rooms.eventId, event.id), eq(rooms.position, 0)));
    for (const k of demoKiosks) {
      const [list] = await tx
        .insert(checkinLists)
        .values({ eventId: event.id, name: k.list, kind: k.kind, roomId: k.kind === "room" ? (hall?.id ?? null) : null })
        .returning({ id: checkinLists.id });
      const tokenHash = sha256(demoKioskToken(secret, k.key));
      await tx.insert(kiosks).values({ eventId: event.id, listId: list.id, name: k.name, tokenHash });
    }

    const plenaries = await tx
      .select({ id: sessions.id, kind: sessions.kind })
      .from(sessions)
      .where(and(eq(sessions.eventId, event.id), inArray(sessions.kind, ["opening", "plenary"])));
    for (const s of plenaries) {
      await tx.insert(sessionOnline).values({
        sessionId: s.id,
        eventId: event.id,
        provider: "jitsi",
        joinUrl: `https://meet.example.org/${demoSlug}-${s.id}`,
        channels: ["en", "ru", "uz"].map((lang) => ({ lang, url: `https://meet.example.org/${demoSlug}-${s.id}-${lang}` })),
        livestreamUrl: s.kind === "opening" ? `https://stream.example.org/${demoSlug}` : null,
      });
    }
  });
}
