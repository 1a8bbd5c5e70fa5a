import type { z } from "zod";
import { registrationStatuses } from "../registration/schema.ts";
import {
  categoryOutput,
  delegationOutput,
  delegationRequestInput,
  registrationInput,
  registrationOutput,
  registrationPageOutput,
  reviewRequestInput,
} from "./registration-schemas.ts";

/** The registration part of the OpenAPI document (features/api/openapi.ts merges it in). */
export function registrationOpenApi(jsonSchema: (schema: z.ZodType, io: "input" | "output") => Record<string, unknown>) {
  const ref = (kind: "schemas" | "parameters" | "responses" | "headers", name: string) => ({ $ref: `#/components/${kind}/${name}` });
  const json = (schema: object) => ({ "application/json": { schema } });
  const security = [{ token: [] }, { session: [] }];
  const base = [ref("parameters", "slug"), ref("parameters", "acceptLanguage")];
  const readErrors = { 401: ref("responses", "Unauthorized"), 403: ref("responses", "Forbidden"), 404: ref("responses", "NotFound") };
  const writeErrors = {
    ...readErrors,
    400: ref("responses", "BadRequest"),
    413: ref("responses", "TooLarge"),
    415: ref("responses", "UnsupportedMedia"),
    422: ref("responses", "Unprocessable"),
  };
  const one = { type: "object", properties: { registration: ref("schemas", "Registration") }, required: ["registration"] };
  const oneDelegation = { type: "object", properties: { delegation: ref("schemas", "Delegation") }, required: ["delegation"] };
  const query = (name: string, schema: object, description: string) => ({ name, in: "query", required: false, schema, description });

  return {
    paths: {
      "/events/{slug}/categories": {
        get: {
          operationId: "listCategories",
          summary: "Accreditation categories, with how many are approved in each.",
          security,
          parameters: base,
          responses: {
            200: {
              description: "The categories.",
              content: json({ type: "object", properties: { categories: { type: "array", items: ref("schemas", "Category") } }, required: ["categories"] }),
            },
            ...readErrors,
          },
        },
      },
      "/events/{slug}/delegations": {
        get: {
          operationId: "listDelegations",
          summary: "Delegations, their quota and the places taken.",
          security,
          parameters: base,
          responses: {
            200: {
              description: "The delegations.",
              content: json({ type: "object", properties: { delegations: { type: "array", items: ref("schemas", "Delegation") } }, required: ["delegations"] }),
            },
            ...readErrors,
          },
        },
        post: {
          operationId: "createDelegation",
          summary:
            "Adds a delegation and invites it: its focal point receives their personal link by email, in their language. A deadline already past needs `deadlinePastConfirmed`.",
          security,
          parameters: base,
          requestBody: { required: true, content: json(ref("schemas", "DelegationInput")) },
          responses: {
            201: {
              description: "Created and invited; `Location` names it, `ETag` holds its version.",
              headers: { ETag: ref("headers", "ETag"), Location: { schema: { type: "string" } } },
              content: json(oneDelegation),
            },
            ...writeErrors,
          },
        },
      },
      "/events/{slug}/delegations/{delegationId}": {
        get: {
          operationId: "getDelegation",
          summary: "One delegation.",
          security,
          parameters: [...base, ref("parameters", "delegationId")],
          responses: {
            200: { description: "The delegation; `ETag` holds its version.", headers: { ETag: ref("headers", "ETag") }, content: json(oneDelegation) },
            ...readErrors,
          },
        },
        put: {
          operationId: "updateDelegation",
          summary:
            "Changes every field of a delegation. Send the version you read in `If-Match` (or as `version`): a stale one answers 409 and changes nothing. A new focal point email revokes the links sent to the old one (`linkRevoked`).",
          security,
          parameters: [...base, ref("parameters", "delegationId"), ref("parameters", "ifMatch")],
          requestBody: { required: true, content: json(ref("schemas", "DelegationInput")) },
          responses: {
            200: {
              description: "Saved.",
              headers: { ETag: ref("headers", "ETag") },
              content: json({
                type: "object",
                properties: { delegation: ref("schemas", "Delegation"), linkRevoked: { type: "boolean" } },
                required: ["delegation", "linkRevoked"],
              }),
            },
            ...writeErrors,
            409: ref("responses", "Conflict"),
          },
        },
      },
      "/events/{slug}/registrations": {
        get: {
          operationId: "listRegistrations",
          summary: "Registrations in id order, filtered, up to `limit` a page; follow `next` for the rest.",
          security,
          parameters: [
            ...base,
            query("status", { type: "string", enum: [...registrationStatuses] }, "Only this status."),
            query("category", { type: "integer" }, "Only this category (id)."),
            query("delegation", { type: "integer" }, "Only this delegation (id)."),
            query("country", { type: "string", pattern: "^[A-Z]{2}$" }, "Only this country."),
            query("organisation", { type: "string", maxLength: 200 }, "Only this organisation (the whole name, in any case)."),
            query("from", { type: "string", format: "date" }, "Only registrations made on or after this day (in the event's time zone)."),
            query("to", { type: "string", format: "date" }, "Only registrations made on or before this day (in the event's time zone)."),
            query("q", { type: "string", maxLength: 100 }, "A part of the name, email or organisation."),
            query("updatedSince", { type: "string", format: "date-time" }, "Only registrations changed at or after this instant: for keeping a copy in step."),
            query("after", { type: "integer", minimum: 0 }, "The last id of the previous page."),
            query("limit", { type: "integer", minimum: 1, maximum: 500, default: 100 }, "Registrations per page."),
          ],
          responses: {
            200: { description: "A page of registrations.", content: json(ref("schemas", "RegistrationPage")) },
            ...readErrors,
            422: ref("responses", "Unprocessable"),
          },
        },
        post: {
          operationId: "createRegistration",
          summary: "Adds a registration, checked by the rules of a spreadsheet import. No email is sent.",
          security,
          parameters: base,
          requestBody: { required: true, content: json(ref("schemas", "RegistrationInput")) },
          responses: {
            201: {
              description: "Created; `Location` names it, `ETag` holds its version.",
              headers: { ETag: ref("headers", "ETag"), Location: { schema: { type: "string" } } },
              content: json(one),
            },
            ...writeErrors,
            409: ref("responses", "Conflict"),
          },
        },
      },
      "/events/{slug}/registrations/{registrationId}": {
        get: {
          operationId: "getRegistration",
          summary: "One registration.",
          security,
          parameters: [...base, ref("parameters", "registrationId")],
          responses: {
            200: { description: "The registration; `ETag` holds its version.", headers: { ETag: ref("headers", "ETag") }, content: json(one) },
            ...readErrors,
          },
        },
      },
      "/events/{slug}/registrations/{registrationId}/review": {
        post: {
          operationId: "reviewRegistration",
          summary:
            "Approves, waitlists, rejects or cancels a registration; the person is told by email, in their language. An approval beyond the category's capacity puts them on the waiting list.",
          security,
          parameters: [...base, ref("parameters", "registrationId"), ref("parameters", "ifMatch")],
          requestBody: { required: true, content: json(ref("schemas", "ReviewInput")) },
          responses: {
            200: {
              description: "Reviewed.",
              headers: { ETag: ref("headers", "ETag") },
              content: json({
                type: "object",
                properties: { registration: ref("schemas", "Registration"), waitlistedForCapacity: { type: "boolean" } },
                required: ["registration", "waitlistedForCapacity"],
              }),
            },
            ...writeErrors,
            409: ref("responses", "Conflict"),
          },
        },
      },
    },
    schemas: {
      Category: jsonSchema(categoryOutput, "output"),
      Delegation: jsonSchema(delegationOutput, "output"),
      DelegationInput: jsonSchema(delegationRequestInput, "input"),
      Registration: jsonSchema(registrationOutput, "output"),
      RegistrationPage: jsonSchema(registrationPageOutput, "output"),
      RegistrationInput: jsonSchema(registrationInput, "input"),
      ReviewInput: jsonSchema(reviewRequestInput, "input"),
    },
    parameters: {
      registrationId: { name: "registrationId", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
      delegationId: { name: "delegationId", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
    },
    securitySchemes: {
      token: {
        type: "http",
        scheme: "bearer",
        description:
          "An API token of the event (made by its organisers under Admin → API tokens). `read` tokens read registrations, delegations, the doors' counts, the negotiation room and the documents library; `write` tokens may also add and review registrations, add, invite and change delegations, print, reprint and hand over badges, set sessions' online links and interpretation channels, and add and change library documents. A role's scope does what that role does: `badge_printer` reads registrations and badge designs, prints badges and marks them printed and handed over; `checkin_operator` registers kiosks for existing doors and rooms and reads the counts; `hybrid_moderator` sets sessions' online links and interpretation channels. A token never does more than the person who made it may still do, and a role's scope is made only by someone who holds that role's rights. ID document data is never readable through the API.",
      },
    },
  };
}
