import { z } from "zod";
import packageJson from "../../package.json" with { type: "json" };
import { sessionCookieName } from "../access/auth.ts";
import { sessionInput } from "../programme/input.ts";
import { badgeDesignOpenApi } from "./openapi-badge-designs.ts";
import { libraryOpenApi } from "./openapi-library.ts";
import { negotiationOpenApi } from "./openapi-negotiation.ts";
import { registrationOpenApi } from "./openapi-registrations.ts";
import { venueOpenApi } from "./openapi-venue.ts";
import { errorOutput, eventOutput, savedSessionOutput, sessionOutput, warningOutput } from "./schemas.ts";

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of a zod schema, without its `$schema` line. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  return rest;
}

/** The request body of a session save, with the notes zod cannot carry. */
function sessionInputSchema() {
  const schema = jsonSchema(sessionInput, "input") as { properties: Record<string, Record<string, unknown>>; description?: string };
  schema.description =
    "A session as saved from the programme editor. Localized fields hold the event's languages only; the default language's title is required.";
  Object.assign(schema.properties.start, { description: "Wall-clock start in the event's time zone, `YYYY-MM-DDTHH:MM`.", examples: ["2022-03-03T09:30"] });
  Object.assign(schema.properties.end, {
    description: "Wall-clock end in the event's time zone; after the start, within the event's dates.",
    examples: ["2022-03-03T11:00"],
  });
  Object.assign(schema.properties.version, { description: "The version the edit is based on, when no `If-Match` header is sent. Required to update." });
  return schema;
}

const ref = (kind: "schemas" | "parameters" | "responses" | "headers", name: string) => ({ $ref: `#/components/${kind}/${name}` });
const json = (schema: object) => ({ "application/json": { schema } });
const errorResponse = (description: string) => ({ description, content: json(ref("schemas", "Error")) });

const readParameters = [ref("parameters", "slug"), ref("parameters", "lang"), ref("parameters", "acceptLanguage")];
const readErrors = { 404: ref("responses", "NotFound") };
const writeErrors = {
  400: ref("responses", "BadRequest"),
  401: ref("responses", "Unauthorized"),
  403: ref("responses", "Forbidden"),
  404: ref("responses", "NotFound"),
  413: ref("responses", "TooLarge"),
  415: ref("responses", "UnsupportedMedia"),
  422: ref("responses", "Unprocessable"),
};

/** The OpenAPI 3.1 document of `/api/v1`, generated from the zod schemas the handlers use. */
export function openApiDocument(publicUrl: string) {
  const registrations = registrationOpenApi(jsonSchema);
  const negotiation = negotiationOpenApi(jsonSchema);
  const library = libraryOpenApi(jsonSchema);
  const venue = venueOpenApi(jsonSchema);
  const designs = badgeDesignOpenApi(jsonSchema);
  return {
    openapi: "3.1.0",
    info: {
      title: "Plenary API",
      version: packageJson.version,
      description: [
        'Events, their programmes and registrations. Localized fields are objects with one text per language (`{"en": "…", "ru": "…"}`);',
        "`?lang=` adds resolved strings (`titleText`…) in that language, falling back to the event's default.",
        'Errors have one shape, `{"error": {"code", "message", "fields"}}`, with messages translated after `?lang=` or `Accept-Language`.',
        `Writes are made by signed-in staff (the \`${sessionCookieName}\` cookie) with a JSON body; updates carry the version they are based on`,
        "in `If-Match`, and a stale one answers 409 with the current session.",
        "Integrations use an API token of one event (`Authorization: Bearer plnr_…`): `read` and `write` for its registrations and delegations,",
        "or the scope of one role (`badge_printer`, `checkin_operator`, `hybrid_moderator`) for a print station, a kiosk enrolment tool or a meeting platform.",
      ].join(" "),
    },
    servers: [{ url: `${publicUrl}/api/v1` }],
    paths: {
      "/events/{slug}": {
        get: {
          operationId: "getEvent",
          summary: "A published event (drafts too, for its staff), with rooms, tracks and organisations.",
          parameters: readParameters,
          responses: {
            200: { description: "The event.", content: json({ type: "object", properties: { event: ref("schemas", "Event") }, required: ["event"] }) },
            ...readErrors,
          },
        },
      },
      "/events/{slug}/sessions": {
        get: {
          operationId: "listSessions",
          summary: "The programme in time order, each session with its room, track and people.",
          parameters: readParameters,
          responses: {
            200: {
              description: "The sessions.",
              content: json({ type: "object", properties: { sessions: { type: "array", items: ref("schemas", "Session") } }, required: ["sessions"] }),
            },
            ...readErrors,
          },
        },
        post: {
          operationId: "createSession",
          summary: "Adds a session (programme editors, organisers, owners).",
          security: [{ session: [] }],
          parameters: readParameters,
          requestBody: { required: true, content: json(ref("schemas", "SessionInput")) },
          responses: {
            201: {
              description: "Created; `Location` names it, `ETag` holds its version.",
              headers: { ETag: ref("headers", "ETag"), Location: { schema: { type: "string" } } },
              content: json(ref("schemas", "SavedSession")),
            },
            ...writeErrors,
          },
        },
      },
      "/events/{slug}/sessions/{sessionId}": {
        get: {
          operationId: "getSession",
          summary: "One session.",
          parameters: [...readParameters, ref("parameters", "sessionId")],
          responses: {
            200: {
              description: "The session; `ETag` holds its version.",
              headers: { ETag: ref("headers", "ETag") },
              content: json({ type: "object", properties: { session: ref("schemas", "Session") }, required: ["session"] }),
            },
            ...readErrors,
          },
        },
        put: {
          operationId: "updateSession",
          summary: "Saves a session, if nobody saved it since the version it is based on. Side-event partners may edit their own side events.",
          security: [{ session: [] }],
          parameters: [...readParameters, ref("parameters", "sessionId"), ref("parameters", "ifMatch")],
          requestBody: { required: true, content: json(ref("schemas", "SessionInput")) },
          responses: {
            200: { description: "Saved.", headers: { ETag: ref("headers", "ETag") }, content: json(ref("schemas", "SavedSession")) },
            ...writeErrors,
            409: ref("responses", "Conflict"),
          },
        },
        delete: {
          operationId: "deleteSession",
          summary: "Removes a session.",
          security: [{ session: [] }],
          parameters: [...readParameters, ref("parameters", "sessionId"), ref("parameters", "ifMatch")],
          responses: { 204: { description: "Deleted." }, ...writeErrors, 409: ref("responses", "Conflict") },
        },
      },
      ...registrations.paths,
      ...negotiation.paths,
      ...library.paths,
      ...venue.paths,
      ...designs.paths,
      "/openapi.json": {
        get: { operationId: "openApi", summary: "This document.", responses: { 200: { description: "OpenAPI 3.1.", content: json({ type: "object" }) } } },
      },
    },
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: sessionCookieName, description: "The session of a signed-in staff member." },
        ...registrations.securitySchemes,
        ...negotiation.securitySchemes,
        ...venue.securitySchemes,
      },
      schemas: {
        SessionInput: sessionInputSchema(),
        Session: jsonSchema(sessionOutput, "output"),
        SavedSession: jsonSchema(savedSessionOutput, "output"),
        Event: jsonSchema(eventOutput, "output"),
        Warning: jsonSchema(warningOutput, "output"),
        Error: jsonSchema(errorOutput, "output"),
        ...registrations.schemas,
        ...negotiation.schemas,
        ...library.schemas,
        ...venue.schemas,
        ...designs.schemas,
      },
      parameters: {
        slug: { name: "slug", in: "path", required: true, schema: { type: "string" }, example: "tashkent-2022" },
        sessionId: { name: "sessionId", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
        ...registrations.parameters,
        ...negotiation.parameters,
        ...library.parameters,
        ...designs.parameters,
        lang: {
          name: "lang",
          in: "query",
          required: false,
          schema: { type: "string" },
          description: "Adds resolved strings in this language (one of the event's or en, ru, uz; anything else is a 404), and translates messages.",
        },
        acceptLanguage: {
          name: "Accept-Language",
          in: "header",
          required: false,
          schema: { type: "string" },
          description: "Language of error and warning messages when `?lang=` is absent.",
        },
        ifMatch: {
          name: "If-Match",
          in: "header",
          required: false,
          schema: { type: "string" },
          example: '"3"',
          description:
            "The session's version the change is based on (its `ETag`); `*` for whatever is current. Instead of it, `version` may be sent in the body.",
        },
      },
      headers: { ETag: { schema: { type: "string" }, description: 'The version, quoted: `"3"`.' } },
      responses: {
        BadRequest: errorResponse("The body is not valid JSON, or a header is malformed (`bad_request`)."),
        Unauthorized: errorResponse("Not signed in (`auth.required`), or an API token that is unknown, revoked or another event's (`api_token.invalid`)."),
        Forbidden: errorResponse("The account may not do this in this event (`forbidden`)."),
        NotFound: errorResponse("No such event, session or language, or a draft event the account has no role in."),
        Conflict: errorResponse(
          "Someone saved since the version given (`conflict.stale`; for a session, `details` holds the current version and session), or the record's state no longer allows the change (`negotiation.revision_superseded`, `negotiation.silence_over`…).",
        ),
        Gone: errorResponse("The record was withdrawn (`library.withdrawn`)."),
        TooLarge: errorResponse("The body is too large (`body.too_large`; for an uploaded file `upload.too_large`)."),
        UnsupportedMedia: errorResponse(
          "The body is not sent as `application/json` (`content_type.json`), or an uploaded file is not of a type taken (`upload.document_type`…).",
        ),
        Unprocessable: errorResponse("Validation failed (`validation`); `fields` holds a translated message per field."),
      },
    },
  };
}
