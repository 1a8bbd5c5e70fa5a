import { z } from "zod";
import { eventFormats, eventStatuses, organisationRoles } from "../events/schema.ts";
import { participationRoles, sessionKinds } from "../programme/schema.ts";
import { integer } from "../shared/validate.ts";

/**
 * What the API answers, as zod schemas: the presenters are typed by them and the OpenAPI document
 * is generated from them, so the two cannot drift apart.
 */
const id = integer().positive();
const localized = z
  .record(z.string(), z.string())
  .meta({ description: "One text per content language.", examples: [{ en: "Opening ceremony", ru: "Церемония открытия" }] });
/** Present only when the request asked for a language with `?lang=`. */
const resolved = (what: string) =>
  z
    .string()
    .optional()
    .meta({ description: `${what} in the language asked for with \`?lang=\`, falling back to the event's languages in order.` });

export const roomOutput = z.object({ id, name: localized, capacity: integer().nullable(), nameText: resolved("The name") });
export const trackOutput = z.object({ id, slug: z.string(), name: localized, color: z.string(), nameText: resolved("The name") });
export const organisationOutput = z.object({
  id,
  name: localized,
  acronym: localized,
  role: z.enum(organisationRoles),
  url: z.string().nullable(),
  nameText: resolved("The name"),
  acronymText: resolved("The acronym"),
});

export const eventOutput = z.object({
  id,
  slug: z.string(),
  status: z.enum(eventStatuses),
  title: localized,
  shortTitle: localized,
  description: localized,
  startDate: z.string().meta({ description: "First day, YYYY-MM-DD.", examples: ["2022-03-03"] }),
  endDate: z.string().meta({ description: "Last day, YYYY-MM-DD.", examples: ["2022-03-04"] }),
  timezone: z.string().meta({ description: "IANA time zone; session times are wall-clock times in it.", examples: ["Asia/Tashkent"] }),
  languages: z.array(z.string()).meta({ description: "Content languages; the first is the default." }),
  venue: localized,
  city: localized,
  format: z.enum(eventFormats),
  version: integer(),
  url: z.string().meta({ description: "The public home page of the event." }),
  rooms: z.array(roomOutput),
  tracks: z.array(trackOutput),
  organisations: z.array(organisationOutput),
  lang: z.string().optional().meta({ description: "The language asked for with `?lang=`." }),
  titleText: resolved("The title"),
  shortTitleText: resolved("The short title"),
  descriptionText: resolved("The description"),
  venueText: resolved("The venue"),
  cityText: resolved("The city"),
});

export const sessionPersonOutput = z.object({
  personId: id,
  role: z.enum(participationRoles),
  honorific: localized,
  name: localized,
  position: localized,
  organisation: localized,
  country: z.string().nullable().meta({ description: "ISO 3166-1 alpha-2." }),
  nameText: resolved("The name"),
});

export const sessionOutput = z.object({
  id,
  kind: z.enum(sessionKinds),
  title: localized,
  description: localized,
  start: z.string().meta({ description: "Wall-clock start in the event's time zone, as sent when saving.", examples: ["2022-03-03T09:30"] }),
  end: z.string().meta({ description: "Wall-clock end in the event's time zone.", examples: ["2022-03-03T11:00"] }),
  startsAt: z.string().meta({ description: "Start as ISO 8601 with the zone's offset.", examples: ["2022-03-03T09:30:00+05:00"] }),
  endsAt: z.string().meta({ description: "End as ISO 8601 with the zone's offset.", examples: ["2022-03-03T11:00:00+05:00"] }),
  roomId: id.nullable(),
  trackId: id.nullable(),
  organiserId: id.nullable().meta({ description: "The partner organising a side event." }),
  room: roomOutput.nullable(),
  track: trackOutput.nullable(),
  organiser: organisationOutput.nullable(),
  workingLanguage: z.string().nullable(),
  interpretation: z.array(z.string()),
  people: z.array(sessionPersonOutput),
  version: integer().meta({ description: "Send it back in `If-Match` (or as `version`) when saving." }),
  updatedAt: z.string(),
  url: z.string().meta({ description: "The public page of the session." }),
  titleText: resolved("The title"),
  descriptionText: resolved("The description"),
});

export const warningOutput = z.object({
  code: z.string().meta({ examples: ["session.room_double_booked"] }),
  message: z.string().meta({ description: "Translated (`Accept-Language` or `?lang=`)." }),
  values: z.record(z.string(), z.union([z.string(), z.number()])).meta({ description: "Ids of what it clashes with." }),
});

export const savedSessionOutput = z.object({
  session: sessionOutput,
  warnings: z.array(warningOutput).meta({ description: "Problems that did not block the save, such as a room used twice." }),
});

export const errorOutput = z.object({
  error: z.object({
    code: z.string().meta({ examples: ["session.end_before_start"] }),
    message: z.string().meta({ description: "Translated (`Accept-Language` or `?lang=`)." }),
    fields: z.record(z.string(), z.string()).meta({ description: "Translated message per field (dotted paths such as `title.en`)." }),
    details: z.unknown().optional().meta({ description: "For a 409: the current `version` and `session`." }),
  }),
});

export type EventOutput = z.infer<typeof eventOutput>;
export type SessionOutput = z.infer<typeof sessionOutput>;
export type WarningOutput = z.infer<typeof warningOutput>;
