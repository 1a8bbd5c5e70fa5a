import type { z } from "zod";
import { printInput } from "../badges/print-run.ts";
import { checkinListInput, kioskInput, scanBatchInput } from "../checkin/input.ts";
import { sessionOnlineInput } from "../hybrid/input.ts";

type JsonSchemaOf = (schema: z.ZodType, io: "input" | "output") => Record<string, unknown>;

/**
 * Badges, doors and the hybrid room in the OpenAPI document (features/api/openapi.ts merges it in):
 * what staff and tokens do (`session`, `token`), and what a registered kiosk does with its device token
 * (`kioskToken`).
 */
export function venueOpenApi(jsonSchema: JsonSchemaOf) {
  const ref = (kind: "schemas" | "parameters" | "responses", name: string) => ({ $ref: `#/components/${kind}/${name}` });
  const json = (schema: object) => ({ "application/json": { schema } });
  const object = (description: string) => ({ type: "object", description, additionalProperties: true });
  const base = [ref("parameters", "slug"), ref("parameters", "acceptLanguage")];
  const participant = { name: "participantId", in: "path", required: true, schema: { type: "integer", minimum: 1 } };
  const batch = { name: "batchId", in: "path", required: true, schema: { type: "integer", minimum: 1 } };
  const errors = {
    400: ref("responses", "BadRequest"),
    401: ref("responses", "Unauthorized"),
    403: ref("responses", "Forbidden"),
    404: ref("responses", "NotFound"),
    409: ref("responses", "Conflict"),
    413: ref("responses", "TooLarge"),
    415: ref("responses", "UnsupportedMedia"),
    422: ref("responses", "Unprocessable"),
  };
  const staff = [{ session: [] }, { token: [] }];
  const op = (operationId: string, summary: string, o: { security?: object[]; parameters?: object[]; body?: object; ok?: number; answer?: object } = {}) => ({
    operationId,
    summary,
    security: o.security ?? staff,
    parameters: o.parameters ?? base,
    ...(o.body ? { requestBody: { required: true, content: json(o.body) } } : {}),
    responses: { [o.ok ?? 200]: { description: "Done.", ...(o.answer ? { content: json(o.answer) } : {}) }, ...errors },
  });

  return {
    paths: {
      "/events/{slug}/badges": {
        get: op("listBadges", "The badges in force: version, category, signed code, printed and handed over (badge printers).", {
          answer: object("`{ badges: [...] }`"),
        }),
      },
      "/events/{slug}/badges/keys": {
        get: op("badgeKeys", "The event's Ed25519 public keys (raw, base64url) that verify badge codes.", {
          security: [{}, ...staff],
          answer: object("`{ keys: [{ keyId, publicKey }] }`"),
        }),
      },
      "/events/{slug}/badges/keys/rotate": {
        post: op("rotateBadgeKey", "A new signing key; badges signed with the old one stay valid until the event ends.", {
          security: [{ session: [] }],
          ok: 201,
        }),
      },
      "/events/{slug}/badges/issue": {
        post: op("issueBadges", "Issues what is missing or no longer matches (new accreditations, changed categories), for everyone or `participantIds`.", {
          body: object("`{ participantIds?: number[] }`"),
          answer: object("`{ issued: [{ participantId, version, code }] }`"),
        }),
      },
      "/events/{slug}/badges/print": {
        post: op(
          "printBadges",
          "Starts a print run (a background job; `badges.print`, e.g. a `badge_printer` token); its parts appear as PDFs as they are ready. Each person is drawn with their category's design, else the event's default (`/badge-designs`); `size`, `layout` or `sides` given override the designs for everyone.",
          {
            body: jsonSchema(printInput, "input"),
            ok: 202,
            answer: ref("schemas", "PrintRun"),
          },
        ),
      },
      "/events/{slug}/badges/print/{batchId}": {
        get: op("getPrintRun", "A print run's progress and its parts.", { parameters: [...base, batch], answer: ref("schemas", "PrintRun") }),
      },
      "/events/{slug}/badges/print/{batchId}/parts/{part}": {
        get: {
          ...op("getPrintRunPart", "One part of a print run, as PDF.", {
            parameters: [...base, batch, { name: "part", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
          }),
          responses: { 200: { description: "The PDF.", content: { "application/pdf": { schema: { type: "string", format: "binary" } } } }, ...errors },
        },
      },
      "/events/{slug}/badges/print/{batchId}/printed": {
        post: op("markPrintRunPrinted", "A print station printed the run: its badges are marked printed. Nobody is checked in.", {
          parameters: [...base, batch],
        }),
      },
      "/events/{slug}/badges/without-photo": { get: op("peopleWithoutPhoto", "Accredited people who get the placeholder instead of a photo.") },
      "/events/{slug}/badges/{participantId}/reprint": {
        post: op("reprintBadge", "A new version for one person; the old code is revoked at once.", { parameters: [...base, participant] }),
      },
      "/events/{slug}/badges/{participantId}/handed-over": {
        post: op("handOverBadge", "The badge desk handed the badge over after checking the ID against the photo.", {
          parameters: [...base, participant],
          ok: 204,
        }),
      },
      "/events/{slug}/badges/{participantId}/revoke": {
        post: op("revokeBadge", "No version of this person's badge opens a door any more.", {
          parameters: [...base, participant],
          ok: 204,
          security: [{ session: [] }],
        }),
      },
      "/events/{slug}/checkin-lists": {
        get: op("listCheckinLists", "Doors and rooms to check in at.", { answer: object("`{ checkinLists: [...] }`") }),
        post: op("createCheckinList", "Adds a door or room: direction, opening hours in the event's time zone, categories let in.", {
          body: jsonSchema(checkinListInput, "input"),
          ok: 201,
          security: [{ session: [] }],
        }),
      },
      "/events/{slug}/checkin-lists/{id}": {
        put: op("updateCheckinList", "Saves a door or room if nobody saved it since `version`.", {
          parameters: [...base, { name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
          body: jsonSchema(checkinListInput, "input"),
          security: [{ session: [] }],
        }),
      },
      "/events/{slug}/kiosks": {
        get: op("listKiosks", "Registered kiosks and when each was last heard from."),
        post: op("registerKiosk", "Registers a device for one door or room; the answer holds its device link, shown this once.", {
          body: jsonSchema(kioskInput, "input"),
          ok: 201,
          security: [{ session: [] }],
        }),
      },
      "/events/{slug}/kiosks/{id}": {
        delete: op("revokeKiosk", "Withdraws a kiosk: its token stops working.", {
          parameters: [...base, { name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
          ok: 204,
          security: [{ session: [] }],
        }),
      },
      "/events/{slug}/checkin/counts": {
        get: op("doorCounts", "People in the venue and in each room now; people let in, repeated entries and refusals per door today."),
      },
      "/events/{slug}/checkin/duplicates": {
        get: op("repeatedEntries", "Entries that repeat an earlier one (a badge let in at two gates): kept, not counted."),
      },
      "/kiosk/sync": {
        get: op(
          "kioskSync",
          "A kiosk's pull: its list's rules, the keys, categories, the roster and revocations changed since its cursors, 1,000 people a page.",
          {
            security: [{ kioskToken: [] }],
            parameters: [
              { name: "roster", in: "query", required: false, schema: { type: "string" }, description: "The roster cursor of the last page." },
              { name: "revocations", in: "query", required: false, schema: { type: "integer", minimum: 0 } },
            ],
            answer: object(
              "`{ serverTime, kiosk, event, list, keys, categories, roster: { entries, cursor, more }, revocations: { revocations, cursor, more } }`",
            ),
          },
        ),
      },
      "/kiosk/scans": {
        post: op("kioskScans", "A kiosk's push: scans oldest first; a nonce already stored answers the same receipt (retries are safe).", {
          security: [{ kioskToken: [] }],
          parameters: [ref("parameters", "acceptLanguage")],
          body: jsonSchema(scanBatchInput, "input"),
          answer: object("`{ serverTime, receipts: [{ nonce, verdict, reason, duplicateOf }] }`"),
        }),
      },
      "/kiosk/photos/{participantId}": {
        get: {
          ...op("kioskPhoto", "A photo for the guard's screen, for people of the categories this door lets in.", {
            security: [{ kioskToken: [] }],
            parameters: [participant],
          }),
          responses: { 200: { description: "The photo.", content: { "image/jpeg": {}, "image/png": {} } }, ...errors },
        },
      },
      "/events/{slug}/sessions/{sessionId}/online": {
        get: op("getSessionOnline", "How a session is followed online (hybrid moderators; holds the meeting's address).", {
          parameters: [...base, ref("parameters", "sessionId")],
        }),
        put: op(
          "saveSessionOnline",
          "Sets the provider, meeting address, interpretation channels and public livestream; accredited online participants join through their personal links.",
          {
            parameters: [...base, ref("parameters", "sessionId")],
            body: jsonSchema(sessionOnlineInput, "input"),
          },
        ),
        delete: op("removeSessionOnline", "The session is no longer followed online.", { parameters: [...base, ref("parameters", "sessionId")], ok: 204 }),
      },
      "/events/{slug}/sessions/{sessionId}/attendance": {
        get: op("sessionAttendance", "Who attended, in the room (by the doors' scans) or online (by their personal links), each person once.", {
          parameters: [...base, ref("parameters", "sessionId")],
        }),
      },
    },
    schemas: {
      PrintRun: object(
        "A print run: `{ id, status, total, done, parts (URLs of PDFs), withoutPhoto, size, layout, sides, lang }`; `size`, `layout` and `sides` are null when each design decides.",
      ),
    },
    securitySchemes: {
      kioskToken: {
        type: "http",
        scheme: "bearer",
        description:
          "A kiosk's device token, from the device link staff made for one door or room. Revocable; it reads the roster and writes scans, nothing else.",
      },
    },
  };
}
