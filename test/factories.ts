/**
 * Factories: the rows a test needs, made through the app's own commands (so they are valid as the app
 * would make them), on a fresh event of the test's own, never the demo. Each call makes unique names.
 */
import { randomBytes } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/index.ts";
import { hashPassword } from "../features/access/auth.ts";
import type { Actor } from "../features/access/policy.ts";
import { users } from "../features/access/schema.ts";
import { createEvent } from "../features/events/create-event.ts";
import type { EventRow } from "../features/events/queries.ts";
import { events, rooms } from "../features/events/schema.ts";
import { createDocument } from "../features/negotiation/create-document.ts";
import { delegateSeat } from "../features/negotiation/proponent.ts";
import type { ParagraphKind } from "../features/negotiation/vocabulary.ts";
import { savePerson } from "../features/programme/save-person.ts";
import { saveSession } from "../features/programme/save-session.ts";
import type { ParticipationRole, SessionKind } from "../features/programme/vocabulary.ts";
import { ensureDefaultCategories } from "../features/registration/default-categories.ts";
import { createDelegation, type DelegationRow } from "../features/registration/delegations/delegations.ts";
import { saveFormField } from "../features/registration/forms/form-fields.ts";
import { importFields } from "../features/registration/imports/import-fields.ts";
import { checkSheet, insertParticipants, loadImportLookups } from "../features/registration/imports/import-rows.ts";
import { createLink } from "../features/registration/links/links.ts";
import { participantForToken, withdrawOwnRegistration } from "../features/registration/links/portal.ts";
import { addParticipant } from "../features/registration/review/add-participant.ts";
import { reviewParticipants } from "../features/registration/review/review-participants.ts";
import { saveCategory } from "../features/registration/save-category.ts";
import { type CustomFieldType, categories, participants, type RegistrationStatus } from "../features/registration/schema.ts";
import type { Localized } from "../features/shared/localized.ts";

const unique = () => randomBytes(4).toString("hex");

/** An account; an instance administrator unless said otherwise. */
export async function makeUser(db: Db, overrides: { email?: string; name?: string; isAdmin?: boolean; locale?: string } = {}) {
  const email = overrides.email ?? `user-${unique()}@example.org`;
  const [user] = await db
    .insert(users)
    .values({
      email,
      name: overrides.name ?? email.split("@")[0],
      isAdmin: overrides.isAdmin ?? false,
      locale: overrides.locale ?? "en",
      passwordHash: await hashPassword("correct horse battery"),
    })
    .returning();
  return user;
}

/** The actor an administrator is: allowed everything, for commands that a test calls directly. */
export const adminActor = (userId: number): Actor => ({ userId, isAdmin: true, role: null, sideEventIds: [] });

export interface EventOptions {
  slug?: string;
  languages?: string[];
  timezone?: string;
  startDate?: string;
  endDate?: string;
  /** Published unless said otherwise. */
  status?: "draft" | "published";
  /** Open the default categories meant for it (civil society, media) to public registration; new events start closed. */
  openRegistration?: boolean;
  owner?: { id: number; isAdmin: boolean };
}

/** An event with its owner (an administrator made for it unless given), published, with the default categories. */
export async function makeEvent(db: Db, options: EventOptions = {}): Promise<{ event: EventRow; owner: { id: number; isAdmin: boolean } }> {
  const owner = options.owner ?? (await makeUser(db, { isAdmin: true }));
  const languages = options.languages ?? ["en", "ru"];
  const slug = options.slug ?? `event-${unique()}`;
  const title = Object.fromEntries(languages.map((l) => [l, `Test conference ${slug} (${l})`]));
  const created = await createEvent(
    { db, user: owner },
    {
      slug,
      title,
      languages,
      timezone: options.timezone ?? "Asia/Tashkent",
      startDate: options.startDate ?? "2030-05-14",
      endDate: options.endDate ?? "2030-05-15",
      format: "hybrid",
    },
  );
  const [event] = await db
    .update(events)
    .set({ status: options.status ?? "published" })
    .where(eq(events.id, created.id))
    .returning();
  await ensureDefaultCategories(db, event.id, { openRegistration: options.openRegistration ?? false });
  return { event, owner };
}

/** One of the event's categories by its code (the defaults: hod, delegate, observer, organisation, expert, civil_society, media, staff, security). */
export async function categoryOf(db: Db, event: EventRow, code = "delegate") {
  const rows = await db.select().from(categories).where(eq(categories.eventId, event.id));
  const found = rows.find((c) => c.code === code);
  if (!found) throw new Error(`no category ${code} in event ${event.slug}`);
  return found;
}

/** A category of the event's own, as an organiser adds it (saveCategory); no limit and closed to open registration unless said otherwise. */
export async function makeCategory(
  db: Db,
  event: EventRow,
  actorId: number,
  overrides: { code?: string; name?: string; letter?: string; capacity?: number | null; openRegistration?: boolean; attendance?: "in_person" | "online" } = {},
) {
  const code = overrides.code ?? `cat_${unique()}`;
  return saveCategory({ db, actor: adminActor(actorId), now: new Date(), publicUrl: "http://localhost" }, event, null, {
    code,
    name: Object.fromEntries(event.languages.map((l) => [l, overrides.name ?? `Category ${code}`])),
    colour: "#123456",
    letter: overrides.letter ?? "T",
    attendance: overrides.attendance ?? "in_person",
    capacity: overrides.capacity == null ? "" : String(overrides.capacity),
    openRegistration: overrides.openRegistration ?? false,
    requiredFields: [],
  });
}

/**
 * One of the event's own questions, as an organiser adds it (saveFormField); asked of every category unless
 * `categoryIds` say otherwise. A text given as a plain string is used in each of the event's languages.
 */
export async function makeFormField(
  db: Db,
  event: EventRow,
  actorId: number,
  field: {
    key: string;
    type: CustomFieldType;
    label?: string | Localized;
    help?: string | Localized;
    required?: boolean;
    categoryIds?: number[];
    options?: { value: string; label: string | Localized }[];
  },
) {
  const text = (value: string | Localized | undefined) =>
    typeof value === "string" ? Object.fromEntries(event.languages.map((l) => [l, value])) : (value ?? {});
  return saveFormField({ db, actor: adminActor(actorId), now: new Date(), publicUrl: "http://localhost" }, event, null, {
    key: field.key,
    type: field.type,
    label: text(field.label ?? field.key),
    help: text(field.help),
    required: field.required ?? false,
    categoryIds: field.categoryIds ?? [],
    options: (field.options ?? []).map((o, row) => ({ row, value: o.value, label: text(o.label) })),
  });
}

/** A State's delegation with a focal point (whose link is mailed through the outbox, as the app does). */
export async function makeDelegation(db: Db, event: EventRow, actorId: number, overrides: Record<string, unknown> = {}): Promise<DelegationRow> {
  const name = Object.fromEntries(event.languages.map((l) => [l, `Delegation ${unique()}`]));
  return createDelegation({ db, actor: adminActor(actorId), now: new Date(), publicUrl: "http://localhost" }, event, {
    kind: "state",
    country: "UZ",
    name,
    quota: 5,
    deadline: `${event.endDate} 18:00`,
    focalPointName: "Focal Point",
    focalPointEmail: `focal-${unique()}@example.org`,
    focalPointLang: "en",
    ...overrides,
  });
}

export interface ParticipantOptions {
  /**
   * Reached as a reviewer reaches it (reviewParticipants: audited, the person mailed; approval respects
   * the category's capacity), or withdrawn as the person withdraws through their own link. Pending by default.
   */
  status?: RegistrationStatus;
  /** When the registration arrived (the clock sets it; no command does), for tests of days and periods. */
  createdAt?: Date;
  /** Answers to the event's own questions by key, as the form sends them ("yes"/"no", "2030-05-14", option values), checked as staff's answers are. */
  custom?: Record<string, unknown>;
}

/**
 * A registration added as staff would add it (pending unless said otherwise). `fields` are the import's
 * columns (features/registration/imports/import-fields.ts): names, email, organisation, country, category code, delegation name, lang.
 */
export async function makeParticipant(db: Db, event: EventRow, actorId: number, fields: Record<string, string> = {}, options: ParticipantOptions = {}) {
  const id = unique();
  const ctx = { db, actor: adminActor(actorId), now: new Date(), publicUrl: "http://localhost" };
  const input = { givenName: "Test", familyName: `Person ${id}`, email: `person-${id}@example.org`, category: "delegate", country: "UZ", ...fields };
  const added = await addParticipant(ctx, event, { ...input, ...(options.custom ? { custom: options.custom } : {}) }).catch((error) => {
    throw new Error(`${JSON.stringify(input)} refused: ${error.message} ${JSON.stringify(error.fields ?? {})}`, { cause: error });
  });
  if (options.status === "withdrawn") {
    const token = await createLink(db, { eventId: event.id, purpose: "participant", participantId: added.id, expiresAt: new Date(Date.now() + 86_400_000) });
    await withdrawOwnRegistration({ ...ctx, client: "test" }, event, await participantForToken(db, event, token, "test"));
  } else if (options.status && options.status !== added.status) {
    await reviewParticipants(ctx, event, {
      status: options.status,
      reason: options.status === "rejected" ? "Not eligible (test)" : undefined,
      items: [{ id: added.id, version: added.version }],
    });
  }
  if (options.createdAt) await db.update(participants).set({ createdAt: options.createdAt }).where(eq(participants.id, added.id));
  const [row] = await db.select().from(participants).where(eq(participants.id, added.id));
  return row;
}

/**
 * Many registrations at once, as a spreadsheet import adds them (checkSheet's rules, then one insert;
 * an import may set any status, "approved" included, without mail). Each row is the import's columns; the
 * names and emails are made when missing, delegates from Uzbekistan unless said otherwise. `createdAt(i)` says when row i arrived.
 * Returns how many were added.
 */
export async function importParticipants(db: Db, event: EventRow, rows: Record<string, string>[], options: { createdAt?: (index: number) => Date } = {}) {
  const batch = unique();
  const full = rows.map(
    (row, i): Record<string, string> => ({
      givenName: "Imported",
      familyName: `Person ${batch}-${i}`,
      email: `imported-${batch}-${i}@example.org`,
      category: "delegate",
      country: "UZ",
      ...row,
    }),
  );
  const checked = await checkSheet(
    { header: [...importFields], rows: full.map((row, i) => ({ row: i + 2, cells: importFields.map((f) => row[f] ?? "") })) },
    await loadImportLookups(db, event),
  );
  if (checked.errors.length) throw new Error(`import rows refused: ${JSON.stringify(checked.errors.slice(0, 3))}`);
  const added = await insertParticipants(
    db,
    checked.participants.filter((p) => p !== null),
  );
  if (options.createdAt) {
    const byTime = new Map<number, string[]>();
    full.forEach((row, i) => {
      const at = options.createdAt!(i).getTime();
      byTime.set(at, [...(byTime.get(at) ?? []), row.email.toLowerCase()]);
    });
    for (const [at, emails] of byTime) {
      await db
        .update(participants)
        .set({ createdAt: new Date(at) })
        .where(and(eq(participants.eventId, event.id), inArray(participants.email, emails)));
    }
  }
  return added;
}

/** A room of the event. No command adds rooms yet (the demo seeds them), so a plain insert, positioned after the others. */
export async function makeRoom(db: Db, event: EventRow, overrides: { name?: string; capacity?: number | null } = {}) {
  const name = overrides.name ?? `Room ${unique()}`;
  const [{ next }] = await db
    .select({ next: sql<number>`coalesce(max(${rooms.position}) + 1, 0)::int` })
    .from(rooms)
    .where(eq(rooms.eventId, event.id));
  const [room] = await db
    .insert(rooms)
    .values({ eventId: event.id, name: Object.fromEntries(event.languages.map((l) => [l, name])), capacity: overrides.capacity ?? null, position: next })
    .returning();
  return room;
}

/** A speaker, chair or moderator of the programme, as a programme editor adds one (savePerson). */
export async function makePerson(db: Db, event: EventRow, actorId: number, overrides: { name?: string; country?: string } = {}) {
  const name = overrides.name ?? `Speaker ${unique()}`;
  return savePerson({ db, actor: adminActor(actorId), now: new Date(), publicUrl: "http://localhost" }, event, null, {
    name: Object.fromEntries(event.languages.map((l) => [l, name])),
    country: overrides.country ?? "",
  });
}

/**
 * A session of the programme, as a programme editor adds one (saveSession: inside the event's days, times in
 * its zone as "2030-05-14T09:30"). Titled the same in each of the event's languages unless a Localized title is given.
 */
export async function makeSession(
  db: Db,
  event: EventRow,
  actorId: number,
  session: {
    kind?: SessionKind;
    title?: string | Localized;
    start: string;
    end: string;
    roomId?: number;
    people?: { personId: number; role: ParticipationRole }[];
  },
) {
  const title = session.title ?? `Session ${unique()}`;
  const saved = await saveSession({ db, actor: adminActor(actorId), now: new Date(), publicUrl: "http://localhost" }, event, null, {
    kind: session.kind ?? "plenary",
    title: typeof title === "string" ? Object.fromEntries(event.languages.map((l) => [l, title])) : title,
    start: session.start,
    end: session.end,
    roomId: session.roomId ?? null,
    people: session.people ?? [],
  });
  return saved.session;
}

/**
 * A delegate of `delegation` with their personal link, approved in the category given (hod: Head of
 * Delegation, delegate, observer), as the negotiation room sees them: the token and the seat it resolves to.
 */
export async function makeDelegate(db: Db, event: EventRow, actorId: number, delegation: DelegationRow, category: "hod" | "delegate" | "observer" = "hod") {
  const person = await makeParticipant(db, event, actorId, { delegation: delegation.name[event.languages[0]] ?? "", category }, { status: "approved" });
  const token = await createLink(db, { eventId: event.id, purpose: "participant", participantId: person.id, expiresAt: new Date(Date.now() + 86_400_000) });
  return { person, token, seat: await delegateSeat(db, event, token, `test-${unique()}`, new Date()) };
}

/**
 * An outcome document with its zero draft, as a facilitator creates it (createDocument): paragraphs given as
 * `["PP", "Recalling …"]`, in the event's first language unless a Localized text is given.
 */
export async function makeOutcomeDocument(
  db: Db,
  event: EventRow,
  actorId: number,
  paragraphs: [ParagraphKind, string | Localized][],
  symbol = `TC/2030/L.${unique()}`,
) {
  const lang = event.languages[0];
  return createDocument({ db, actor: adminActor(actorId), now: new Date(), publicUrl: "http://localhost" }, event, {
    symbol,
    title: Object.fromEntries(event.languages.map((l) => [l, `Outcome document ${symbol} (${l})`])),
    negotiatingLanguage: lang,
    paragraphs: paragraphs.map(([kind, text]) => ({ kind, text: typeof text === "string" ? { [lang]: text } : text })),
  });
}
