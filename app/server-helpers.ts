import { data, type RouterContextProvider } from "react-router";
import { type EventRow, findEventBySlug, getPublishedEvent, loadEventParts } from "../features/events/queries.ts";
import { loadProgramme } from "../features/programme/queries.ts";
import { listPublicParticipants } from "../features/registration/public-list.ts";
import { isAppError, presentError } from "../features/shared/errors.ts";
import { createTranslator, eventInterfaceLanguage, isInterfaceLanguage, negotiateLanguage } from "../i18n/index.ts";
import { requestContext, servicesContext } from "./context.ts";

export function services(context: Readonly<RouterContextProvider>) {
  return context.get(servicesContext);
}

export function requestState(context: Readonly<RouterContextProvider>) {
  return context.get(requestContext);
}

/**
 * Public data for a GET of a public page comes from the page cache's shared reads (cleared by writes to
 * the event, like its pages), whoever reads it; any request that writes (its loaders run after the action)
 * reads the database.
 */
function sharedRead<T>(context: Readonly<RouterContextProvider>, slug: string, key: string, load: () => Promise<T>): Promise<T> {
  return requestState(context).sharedReads ? services(context).cache.read(slug, key, load) : load();
}

type PublicEvent = Pick<EventRow, "id" | "slug">;

const eventsOfRequest = new WeakMap<object, Map<string, Promise<EventRow>>>();

/**
 * The published event of a public page. The layout's loader and the page's run side by side and both
 * need it: one query per request serves them (the request's context is the memo's key).
 */
export function publishedEvent(context: Readonly<RouterContextProvider>, slug: string): Promise<EventRow> {
  let memo = eventsOfRequest.get(context);
  if (!memo) eventsOfRequest.set(context, (memo = new Map()));
  let event = memo.get(slug);
  if (!event) {
    event = sharedRead(context, slug, `event:${slug}`, () => getPublishedEvent(services(context).db, slug));
    memo.set(slug, event);
  }
  return event;
}

/** The event's rooms, tracks, organisations and pages (read-only). */
export function publicEventParts(context: Readonly<RouterContextProvider>, event: PublicEvent) {
  return sharedRead(context, event.slug, `parts:${event.id}`, () => loadEventParts(services(context).db, event.id));
}

/** The event's whole programme with its people (read-only). */
export function publicProgramme(context: Readonly<RouterContextProvider>, event: PublicEvent) {
  return sharedRead(context, event.slug, `programme:${event.id}`, () => loadProgramme(services(context).db, event.id));
}

/** The public list of participants (approved and consenting only; read-only). */
export function publicParticipants(context: Readonly<RouterContextProvider>, event: PublicEvent) {
  return sharedRead(context, event.slug, `participants:${event.id}`, () => listPublicParticipants(services(context).db, event.id));
}

/** Interface language: a `/:lang/` prefix, else the signed-in user's choice, else `?lang=`, else the browser's. */
export function uiLanguage(request: Request, context: Readonly<RouterContextProvider>, params: { lang?: string } = {}): string {
  if (params.lang) return isInterfaceLanguage(params.lang) ? params.lang : "en";
  const asked = new URL(request.url).searchParams.get("lang");
  if (isInterfaceLanguage(asked)) return asked;
  const user = requestState(context).user;
  if (user && isInterfaceLanguage(user.locale)) return user.locale;
  return negotiateLanguage(request.headers.get("accept-language"));
}

/**
 * The interface language of a page under /{lang}/e/{slug}: the page's own language when the interface speaks
 * it, else the one its event chose (`events.interface_language`): a German page's buttons, errors and titles
 * fall back to the organiser's choice, not to English. Any event, published or not: personal links work
 * before the site is published. An unknown event is the interface default; an outage is not hidden.
 */
export async function pageLanguage(context: Readonly<RouterContextProvider>, params: { lang?: string; slug?: string }): Promise<string> {
  if (!params.lang || isInterfaceLanguage(params.lang)) return params.lang ?? "en";
  if (!params.slug) return "en";
  const event = await findEventBySlug(services(context).db, params.slug);
  return eventInterfaceLanguage(event);
}

/** Runs a loader body, turning a domain error into the right HTTP status for the error boundary. */
export async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error)) {
      throw data({ code: error.code, status: error.status, values: error.values }, { status: error.status });
    }
    throw error;
  }
}

/** Personal pages reached by a link: never cached, never indexed (the referrer policy is same-origin everywhere). */
export const privatePageHeaders = () => ({ "cache-control": "private, no-store", "x-robots-tag": "noindex" });

/**
 * Actions of people who hold a link instead of an account (focal points, participants). The link in the
 * URL is their credential; cross-site posts are refused by the Origin check in server/app.ts.
 */
export async function linkAction<T>(lang: string, work: () => Promise<T>, typed?: Record<string, unknown>) {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error)) {
      // `typed` goes back with the error, so a page without JavaScript can refill its form.
      return data(
        { ok: false as const, ...presentError(error, createTranslator(lang)), values: typed },
        { status: error.status, headers: privatePageHeaders() },
      );
    }
    throw error;
  }
}
