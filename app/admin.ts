import { data, type RouterContextProvider, redirect } from "react-router";
import { isRefusedValue } from "../db/unavailable.ts";
import { checkCsrf } from "../features/access/auth.ts";
import { loadActor, type SignedInUser } from "../features/access/load-actor.ts";
import { type Action, type Actor, can } from "../features/access/policy.ts";
import { type EventRow, getEventBySlug } from "../features/events/queries.ts";
import type { StaffContext } from "../features/shared/context.ts";
import { AppError, Forbidden, isAppError, presentError } from "../features/shared/errors.ts";
import { formToObject } from "../features/shared/validate.ts";
import { createTranslator } from "../i18n/index.ts";
import { requestState, services, uiLanguage } from "./server-helpers.ts";

type Ctx = Readonly<RouterContextProvider>;

/** Staff pages need a signed-in user; others are sent to sign in and back. */
export function requireUser(request: Request, context: Ctx): SignedInUser {
  const { user } = requestState(context);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/admin/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

const staffEventsOfRequest = new WeakMap<object, Map<string, Promise<{ event: EventRow; actor: Actor | null }>>>();

/**
 * The event and the user's grants, read once per request: the layout's loader and the page's both ask.
 * Only for reads: an action may change the event, and the loaders after it must see the change.
 */
function eventAndActor(request: Request, context: Ctx, user: SignedInUser, slug: string) {
  const { db, cache } = services(context);
  const load = async () => {
    const event = await getEventBySlug(db, slug);
    return { event, actor: await loadActor(db, user, event.id) };
  };
  if (request.method !== "GET") return load();
  // The event changes only by writes to it, which clear the memo on every instance. The user's grants are
  // read every time: a revocation must take effect on the next request, whichever instance serves it.
  const memoized = async () => {
    const event = await cache.read(slug, `staff.event:${slug}`, () => getEventBySlug(db, slug));
    return { event, actor: await loadActor(db, user, event.id) };
  };
  let memo = staffEventsOfRequest.get(context);
  if (!memo) staffEventsOfRequest.set(context, (memo = new Map()));
  let found = memo.get(slug);
  if (!found) memo.set(slug, (found = memoized()));
  return found;
}

/** The event by slug, with the user's grants in it; 404 unless they may read its admin pages. */
export async function loadStaffEvent(request: Request, context: Ctx, slug: string, action: Action = "event.read_admin") {
  const user = requireUser(request, context);
  try {
    const { event, actor } = await eventAndActor(request, context, user, slug);
    // Someone with no role in the event learns nothing about it, not even that it exists.
    if (!can(actor, "event.read_admin")) throw new AppError(404, "event.not_found");
    if (!can(actor, action)) throw Forbidden();
    return { user, event, actor: actor! };
  } catch (error) {
    if (isAppError(error)) throw data({ code: error.code }, { status: error.status });
    throw error;
  }
}

export function commandContext(context: Ctx, actor: Actor): StaffContext {
  const { db, config } = services(context);
  return { db, actor, now: new Date(), publicUrl: config.PUBLIC_URL };
}

/** The posted form, after checking its CSRF token against the browser's session. */
export async function readForm(request: Request, context: Ctx): Promise<{ form: FormData; values: Record<string, unknown>; intent: string }> {
  const form = await request.formData().catch(() => {
    throw new AppError(400, "bad_request");
  });
  const state = requestState(context);
  if (!checkCsrf(services(context).secret, state.sessionToken, form.get("_csrf"))) throw new AppError(403, "csrf");
  return { form, values: formToObject(form), intent: String(form.get("intent") ?? "save") };
}

export type ActionResult =
  | { ok: true; message?: string; warnings?: string[] }
  | { ok: false; error: { code: string; message: string; fields: Record<string, string>; details?: unknown }; values?: Record<string, unknown> };

/** Runs a staff action: domain errors come back translated, with the right 4xx status and the user's input. */
export async function staffAction(request: Request, context: Ctx, work: (form: Awaited<ReturnType<typeof readForm>>) => Promise<Response | ActionResult>) {
  const lang = uiLanguage(request, context);
  let values: Record<string, unknown> | undefined;
  try {
    const form = await readForm(request, context);
    values = form.values;
    return await work(form);
  } catch (error) {
    // A value the input checks let through and the database refused is the form's to fix, with what was typed kept.
    const refused = isRefusedValue(error) ? new AppError(422, "value_refused") : error;
    if (isAppError(refused)) {
      const body = presentError(refused, createTranslator(lang));
      return data({ ok: false as const, error: body.error, values }, { status: refused.status });
    }
    throw error;
  }
}

export function translateWarnings(lang: string, warnings: { code: string; values: Record<string, string | number> }[]): string[] {
  const t = createTranslator(lang);
  return [...new Set(warnings.map((w) => t(`error.${w.code}`, w.values)))];
}
