import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createTranslator, isInterfaceLanguage, negotiateLanguage, type Translate } from "../../i18n/index.ts";
import { actorForApiToken } from "../access/api-tokens.ts";
import { sessionCookieName, userForSessionToken } from "../access/auth.ts";
import { loadActor, type SignedInUser } from "../access/load-actor.ts";
import { type Actor, can } from "../access/policy.ts";
import { type EventRow, findEventBySlug } from "../events/queries.ts";
import { feedLanguage, isSlugShaped } from "../feeds/load.ts";
import { AppError, BadRequest, Invalid, NotFound, Unauthorized, UnsupportedMedia } from "../shared/errors.ts";
import type { Services } from "../shared/services.ts";
import { pathOfUnstorableText } from "../shared/validate.ts";

/** Messages follow `?lang=`, else `Accept-Language` (the rule of `requestLanguage` in server/app.ts). */
export function messageTranslator(c: Context): Translate {
  const asked = c.req.query("lang");
  return createTranslator(isInterfaceLanguage(asked) ? asked : negotiateLanguage(c.req.header("accept-language")));
}

export interface EventAccess {
  event: EventRow;
  user: SignedInUser | null;
  actor: Actor | null;
  /** The language asked for with `?lang=`, when any (resolved strings are added only then). */
  lang: string | null;
}

/**
 * The event of `:slug` as this request may see it: the public sees published events only, staff
 * with a role in the event (or instance administrators) see drafts too. Anything else is a 404,
 * so a draft's existence does not leak.
 */
export async function eventForRequest(services: Services, c: Context): Promise<EventAccess> {
  const token = bearerToken(c);
  if (token !== undefined) return withEvent(services, c, null, token);
  const user = await userForSessionToken(services.db, getCookie(c, sessionCookieName));
  return withEvent(services, c, user);
}

/** For writes: a signed-in user (or an API token) is required before anything else is looked at. */
export async function eventForWrite(services: Services, c: Context): Promise<EventAccess & { actor: Actor }> {
  const token = bearerToken(c);
  const user = token === undefined ? await userForSessionToken(services.db, getCookie(c, sessionCookieName)) : null;
  if (!user && token === undefined) throw Unauthorized();
  const access = await withEvent(services, c, user, token);
  return { ...access, actor: access.actor! };
}

/** `Authorization: Bearer <token>`; undefined when there is no such header. A malformed one is refused, never ignored. */
function bearerToken(c: Context): string | undefined {
  const header = c.req.header("authorization");
  if (header === undefined) return undefined;
  const match = /^Bearer +([A-Za-z0-9_-]{1,200})$/.exec(header.trim());
  if (!match) throw new AppError(401, "api_token.invalid");
  return match[1];
}

async function withEvent(services: Services, c: Context, user: SignedInUser | null, token?: string): Promise<EventAccess> {
  const slug = c.req.param("slug");
  const event = isSlugShaped(slug) ? await findEventBySlug(services.db, slug) : undefined;
  // A token names its event: it says nothing about others, not even whether they exist.
  if (!event) throw token === undefined ? NotFound("event.not_found") : new AppError(401, "api_token.invalid");
  const actor = token === undefined ? await loadActor(services.db, user, event.id) : await actorForApiToken(services.db, token, event.id);
  if (token !== undefined && !actor) throw new AppError(401, "api_token.invalid");
  if (event.status !== "published" && !can(actor, "event.read_admin")) throw NotFound("event.not_found");
  const asked = c.req.query("lang");
  return { event, user, actor, lang: asked ? feedLanguage(event, asked) : null };
}

/**
 * The JSON body of a write. Only `application/json` is read: a cross-site form cannot send it
 * without a CORS preflight, which this API never grants, so the session cookie cannot be abused.
 */
export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\s*(;|$)/i.test(type)) throw UnsupportedMedia("content_type.json");
  const text = await c.req.text();
  // Measured on the text, before anything walks the value: 10,000 levels would overflow a recursive walk.
  if (jsonDepth(text) > maxJsonDepth) throw new AppError(400, "json_too_deep", { values: { max: maxJsonDepth } });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw BadRequest("bad_request");
  }
  const unstorable = pathOfUnstorableText(value);
  if (unstorable !== null) throw Invalid("validation", { [unstorable || "_"]: "invalid" });
  return value;
}

/** No document of ours nests deeper than a handful of levels. */
export const maxJsonDepth = 32;

/** The deepest nesting of objects and arrays in a JSON text, brackets inside strings not counted. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \\ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 /* { */ || ch === 91 /* [ */) {
      if (++depth > deepest) deepest = depth;
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) depth--;
  }
  return deepest;
}

/**
 * The version a write is based on, from `If-Match` (`3`, `"3"` or `W/"3"`); `*` means whatever is
 * current. Undefined when the header is absent.
 */
export function ifMatchVersion(c: Context, current: number): number | undefined {
  const header = c.req.header("if-match")?.trim();
  if (header === undefined || header === "") return undefined;
  if (header === "*") return current;
  const match = /^(?:W\/)?"?([0-9]{1,9})"?$/.exec(header);
  if (!match) throw BadRequest("bad_request");
  return Number(match[1]);
}

export const etag = (version: number) => `"${version}"`;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The address rate limits count by. Behind a reverse proxy (TRUST_PROXY=true) every connection comes from the
 * proxy, so the address is the last X-Forwarded-For entry: the one the proxy itself appended.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}
