import { and, asc, eq, gt, gte, sql } from "drizzle-orm";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { z } from "zod";
import { utcToZonedInput } from "../../i18n/format.ts";
import { type Actor, can } from "../access/policy.ts";
import { parseId } from "../feeds/load.ts";
import { createDelegation, type DelegationRow } from "../registration/delegations/delegations.ts";
import { editDelegation } from "../registration/delegations/edit-delegation.ts";
import { addParticipant } from "../registration/review/add-participant.ts";
import { delegationsWithUse, listCategories, participantConditions, participantFilters, readParticipantFilters } from "../registration/review/queries.ts";
import { reviewParticipants } from "../registration/review/review-participants.ts";
import { categories, participants } from "../registration/schema.ts";
import { Conflict, Forbidden, Invalid, isAppError, NotFound, Unauthorized } from "../shared/errors.ts";
import type { Services } from "../shared/services.ts";
import { formInteger, integer } from "../shared/validate.ts";
import { type EventAccess, etag, eventForRequest, eventForWrite, ifMatchVersion, isPlainObject, readJson } from "./http.ts";
import type { CategoryOutput, DelegationOutput, RegistrationOutput } from "./registration-schemas.ts";

type ParticipantRow = typeof participants.$inferSelect;

/** Registrations, categories and delegations for integrations (API tokens) and staff: the same commands as the admin pages. */
export function registrationApiRoutes(services: Services, limit: MiddlewareHandler) {
  const api = new Hono();
  const { db } = services;
  const context = (actor: Actor) => ({ db, actor, now: new Date(), publicUrl: services.config.PUBLIC_URL });

  async function reader(c: Context): Promise<EventAccess> {
    const access = await eventForRequest(services, c);
    if (!can(access.actor, "registrations.read")) throw access.actor ? Forbidden() : Unauthorized();
    return access;
  }
  const registrationId = (c: Context) => {
    const id = parseId(c.req.param("registrationId"));
    if (id === null) throw NotFound("registration.not_found");
    return id;
  };
  async function loadRegistration(eventId: number, id: number) {
    const [row] = await db
      .select({ participant: participants, categoryCode: categories.code })
      .from(participants)
      .innerJoin(categories, eq(categories.id, participants.categoryId))
      .where(and(eq(participants.eventId, eventId), eq(participants.id, id)));
    if (!row) throw NotFound("registration.not_found");
    return presentRegistration(row.participant, row.categoryCode);
  }

  api.get("/events/:slug/categories", async (c) => {
    const { event } = await reader(c);
    const [rows, approved] = await Promise.all([
      listCategories(db, event.id),
      db
        .select({ id: participants.categoryId, n: sql<number>`count(*)::int` })
        .from(participants)
        .where(and(eq(participants.eventId, event.id), eq(participants.status, "approved")))
        .groupBy(participants.categoryId),
    ]);
    const counts = new Map(approved.map((r) => [r.id, r.n]));
    const out: CategoryOutput[] = rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      colour: r.colour,
      letter: r.letter,
      attendance: r.attendance,
      capacity: r.capacity,
      approved: counts.get(r.id) ?? 0,
      openRegistration: r.openRegistration,
      version: r.version,
    }));
    return c.json({ categories: out });
  });

  api.get("/events/:slug/delegations", async (c) => {
    const { event } = await reader(c);
    const out: DelegationOutput[] = (await delegationsWithUse(db, event.id)).map(({ delegation, used }) => presentDelegation(delegation, used));
    return c.json({ delegations: out });
  });

  async function loadDelegation(eventId: number, id: number): Promise<DelegationOutput> {
    const found = (await delegationsWithUse(db, eventId)).find((row) => row.delegation.id === id);
    if (!found) throw NotFound("delegation.not_found");
    return presentDelegation(found.delegation, found.used);
  }
  const delegationId = (c: Context) => {
    const id = parseId(c.req.param("delegationId"));
    if (id === null) throw NotFound("delegation.not_found");
    return id;
  };

  /** A delegation, invited at once: its focal point gets the link by email, as from the delegations page. */
  api.post("/events/:slug/delegations", limit, async (c) => {
    const access = await eventForWrite(services, c);
    if (!can(access.actor, "delegations.create")) throw Forbidden();
    const body = await readJson(c);
    if (!isPlainObject(body)) throw Invalid("validation", { _: "invalid" });
    const created = await createDelegation(context(access.actor), access.event, delegationBody(body, access.event.timezone));
    const delegation = await loadDelegation(access.event.id, created.id);
    return c.json({ delegation }, 201, {
      etag: etag(delegation.version),
      location: `${services.config.PUBLIC_URL}/api/v1/events/${access.event.slug}/delegations/${created.id}`,
    });
  });

  api.get("/events/:slug/delegations/:delegationId", async (c) => {
    const { event } = await reader(c);
    const delegation = await loadDelegation(event.id, delegationId(c));
    return c.json({ delegation }, 200, { etag: etag(delegation.version) });
  });

  /** Every field, replaced; the version from `If-Match` (or the body's `version`) must be the current one, else 409. */
  api.put("/events/:slug/delegations/:delegationId", limit, async (c) => {
    const access = await eventForWrite(services, c);
    if (!can(access.actor, "delegations.edit")) throw Forbidden();
    const current = await loadDelegation(access.event.id, delegationId(c));
    const body = await readJson(c);
    if (!isPlainObject(body)) throw Invalid("validation", { _: "invalid" });
    const version = ifMatchVersion(c, current.version);
    const input = { ...delegationBody(body, access.event.timezone), ...(version !== undefined ? { version } : {}) };
    try {
      const { delegation: saved, emailChanged } = await editDelegation(context(access.actor), access.event, current.id, input);
      const delegation = await loadDelegation(access.event.id, saved.id);
      return c.json({ delegation, linkRevoked: emailChanged }, 200, { etag: etag(delegation.version) });
    } catch (error) {
      if (!isAppError(error) || error.status !== 409) throw error;
      throw Conflict("conflict.stale", { version: (await loadDelegation(access.event.id, current.id)).version });
    }
  });

  const pageQuery = z.object({
    after: formInteger().min(0).optional(),
    limit: formInteger().min(1).max(500).optional(),
    updatedSince: z.iso.datetime({ offset: true }).optional(),
  });

  /** Paged by id (`after`), so an integration can walk 100,000 registrations without skipping or repeating any. */
  api.get("/events/:slug/registrations", async (c) => {
    const { event } = await reader(c);
    const paging = pageQuery.safeParse(c.req.query());
    if (!paging.success) throw Invalid("validation", Object.fromEntries(paging.error.issues.map((i) => [String(i.path[0]), "invalid"])));
    // The page ignores a bad filter; an integration is told, or it would act on every registration.
    const raw = c.req.query();
    const filters = readParticipantFilters(new URL(c.req.url).searchParams);
    const refused = Object.keys(participantFilters.shape).filter(
      (key) => key !== "page" && raw[key] !== undefined && raw[key] !== "" && filters[key as keyof typeof filters] === undefined,
    );
    if (refused.length) throw Invalid("validation", Object.fromEntries(refused.map((key) => [key, "filter.invalid"])));
    const limit = paging.data.limit ?? 100;
    const where = participantConditions(event, filters);
    if (paging.data.after) where.push(gt(participants.id, paging.data.after));
    if (paging.data.updatedSince) where.push(gte(participants.updatedAt, new Date(paging.data.updatedSince)));
    const rows = await db
      .select({ participant: participants, categoryCode: categories.code })
      .from(participants)
      .innerJoin(categories, eq(categories.id, participants.categoryId))
      .where(and(...where))
      .orderBy(asc(participants.id))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    let next: string | null = null;
    if (rows.length > limit) {
      const url = new URL(`${services.config.PUBLIC_URL}/api/v1/events/${event.slug}/registrations`);
      for (const [key, value] of Object.entries(c.req.query())) if (key !== "after") url.searchParams.set(key, value);
      url.searchParams.set("after", String(page.at(-1)!.participant.id));
      next = url.toString();
    }
    return c.json({ registrations: page.map((r) => presentRegistration(r.participant, r.categoryCode)), next });
  });

  api.get("/events/:slug/registrations/:registrationId", async (c) => {
    const { event } = await reader(c);
    const registration = await loadRegistration(event.id, registrationId(c));
    return c.json({ registration }, 200, { etag: etag(registration.version) });
  });

  api.post("/events/:slug/registrations", limit, async (c) => {
    const access = await eventForWrite(services, c);
    if (!can(access.actor, "registrations.review")) throw Forbidden();
    const body = await readJson(c);
    if (!isPlainObject(body)) throw Invalid("validation", { _: "invalid" });
    const saved = await addParticipant(context(access.actor), access.event, body);
    const registration = await loadRegistration(access.event.id, saved.id);
    return c.json({ registration }, 201, {
      etag: etag(registration.version),
      location: `${services.config.PUBLIC_URL}/api/v1/events/${access.event.slug}/registrations/${saved.id}`,
    });
  });

  /** Approve, waitlist, reject or cancel one registration; `If-Match` (or `version`) guards against a reviewer acting at the same time. */
  api.post("/events/:slug/registrations/:registrationId/review", limit, async (c) => {
    const access = await eventForWrite(services, c);
    if (!can(access.actor, "registrations.review")) throw Forbidden();
    const id = registrationId(c);
    const current = await loadRegistration(access.event.id, id);
    const body = await readJson(c);
    if (!isPlainObject(body)) throw Invalid("validation", { _: "invalid" });
    // A decision names the version it was made on (If-Match or `version`): two reviewers never overwrite each other unseen.
    const version = ifMatchVersion(c, current.version) ?? body.version;
    if (version === undefined) throw Invalid("validation", { version: "required" });
    if (!integer().positive().safeParse(version).success) throw Invalid("validation", { version: "invalid" });
    let outcome: Awaited<ReturnType<typeof reviewParticipants>>;
    try {
      outcome = await reviewParticipants(context(access.actor), access.event, { status: body.status, reason: body.reason, items: [{ id, version }] });
    } catch (error) {
      if (!isAppError(error) || error.status !== 409) throw error;
      const now = await loadRegistration(access.event.id, id);
      throw Conflict("conflict.stale", { version: now.version, registration: now });
    }
    const registration = await loadRegistration(access.event.id, id);
    return c.json({ registration, waitlistedForCapacity: outcome.waitlistedForCapacity.includes(id) }, 200, { etag: etag(registration.version) });
  });

  return api;
}

export function presentDelegation(d: DelegationRow, used: number): DelegationOutput {
  return {
    id: d.id,
    kind: d.kind,
    country: d.country,
    name: d.name,
    quota: d.quota,
    used,
    deadline: d.deadline.toISOString(),
    defaultCategoryId: d.defaultCategoryId,
    focalPoint: { name: d.focalPointName, email: d.focalPointEmail, lang: d.focalPointLang },
    headParticipantId: d.headParticipantId,
    hasLetter: d.letterFileId !== null,
    invitedAt: d.invitedAt?.toISOString() ?? null,
    version: d.version,
  };
}

/**
 * A delegation's JSON body as the commands take it: the deadline is wall-clock time in the event's zone
 * ("2030-05-01T18:00"), or an instant with its offset ("2030-05-01T13:00:00Z"), as the API gives it out.
 */
function delegationBody(body: Record<string, unknown>, timezone: string): Record<string, unknown> {
  const deadline = typeof body.deadline === "string" && instantPattern.test(body.deadline) ? utcToZonedInput(new Date(body.deadline), timezone) : body.deadline;
  const { focalPoint, ...rest } = body;
  const person = isPlainObject(focalPoint) ? { focalPointName: focalPoint.name, focalPointEmail: focalPoint.email, focalPointLang: focalPoint.lang } : {};
  return { ...rest, ...person, deadline, defaultCategoryId: body.defaultCategoryId ?? "" };
}
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export function presentRegistration(p: ParticipantRow, categoryCode: string): RegistrationOutput {
  return {
    id: p.id,
    status: p.status,
    statusReason: p.statusReason,
    categoryId: p.categoryId,
    categoryCode,
    delegationId: p.delegationId,
    honorific: p.honorific,
    givenName: p.givenName,
    familyName: p.familyName,
    givenNameLocal: p.givenNameLocal,
    familyNameLocal: p.familyNameLocal,
    position: p.position,
    organisation: p.organisation,
    country: p.country,
    email: p.email,
    phone: p.phone,
    nationality: p.nationality,
    arrival: p.arrival,
    departure: p.departure,
    dietary: p.dietary,
    accessibility: p.accessibility,
    interpretationLanguage: p.interpretationLanguage,
    lang: p.lang,
    consentList: p.consentList,
    consentData: p.consentData,
    hasPhoto: p.photoFileId !== null,
    custom: p.custom,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    reviewedAt: p.reviewedAt?.toISOString() ?? null,
    version: p.version,
  };
}
