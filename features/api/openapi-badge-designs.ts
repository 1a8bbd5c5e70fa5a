import type { z } from "zod";
import { designInput } from "../badges/design.ts";
import { designCategoryInput, designVersionInput } from "../badges/save-badge-design.ts";
import { badgeDesignAnswer, badgeDesignList, badgeDesignOutput } from "./badge-design-schemas.ts";

type JsonSchemaOf = (schema: z.ZodType, io: "input" | "output") => Record<string, unknown>;
type Schema = { properties: Record<string, Record<string, unknown>>; required?: string[]; description?: string };

/** Badge designs in the OpenAPI document (features/api/openapi.ts merges it in), from the forms' own zod schema. */
export function badgeDesignOpenApi(jsonSchema: JsonSchemaOf) {
  const ref = (kind: "schemas" | "parameters" | "responses" | "headers", name: string) => ({ $ref: `#/components/${kind}/${name}` });
  const json = (schema: object) => ({ "application/json": { schema } });
  const readers = [{ session: [] }, { token: [] }];
  const writers = [{ session: [] }];
  const base = [ref("parameters", "slug"), ref("parameters", "lang"), ref("parameters", "acceptLanguage")];
  const one = [...base, ref("parameters", "badgeDesignId")];
  const version = { name: "version", in: "query", required: false, schema: { type: "integer", minimum: 1 }, description: "Instead of `If-Match`." };
  const readErrors = { 401: ref("responses", "Unauthorized"), 403: ref("responses", "Forbidden"), 404: ref("responses", "NotFound") };
  const writeErrors = {
    ...readErrors,
    400: ref("responses", "BadRequest"),
    409: ref("responses", "Conflict"),
    413: ref("responses", "TooLarge"),
    415: ref("responses", "UnsupportedMedia"),
    422: ref("responses", "Unprocessable"),
  };
  const saved = {
    description: "The design; `ETag` holds its version.",
    headers: { ETag: ref("headers", "ETag") },
    content: json(ref("schemas", "BadgeDesignAnswer")),
  };

  /** The design fields as the forms send them; a switch of `front` left out is off, as an unticked box. */
  const fields = (): Schema => {
    const schema = jsonSchema(designInput, "input") as Schema;
    const front = schema.properties.front as Schema;
    delete front.required;
    front.description = "What the front shows besides the name, the code and the event (always shown). A part left out is not shown.";
    Object.assign(schema.properties.textColour, { description: "`#rrggbb`; at least 4.5:1 against the background (`badge_design.contrast`)." });
    Object.assign(schema.properties.backgroundColour, { description: "`#rrggbb`." });
    Object.assign(schema.properties.backText, {
      description: "The back's short text per event language (other languages are dropped), at most 200 characters.",
    });
    return schema;
  };
  const createInput = (): Schema => {
    const schema = fields();
    Object.assign(schema.properties, (jsonSchema(designCategoryInput, "input") as Schema).properties);
    Object.assign(schema.properties.categoryId, { description: "The category it is for; left out, empty or null: the event's default." });
    schema.description = "A new design. Fields left out start from the event's default design, else the built-in one (A6, one side, black on white).";
    return schema;
  };
  const updateInput = (): Schema => {
    const schema = fields();
    Object.assign(schema.properties, (jsonSchema(designVersionInput, "input") as Schema).properties);
    Object.assign(schema.properties.version, { description: "The version the change is based on, when no `If-Match` header is sent." });
    schema.description = "The whole design, replacing what is saved: fields left out take the built-in values. The category is never changed.";
    return schema;
  };

  return {
    paths: {
      "/events/{slug}/badge-designs": {
        get: {
          operationId: "listBadgeDesigns",
          summary: "The event's badge designs, and which one each category prints with (whoever prints badges: `badges.print`).",
          security: readers,
          parameters: base,
          responses: { 200: { description: "The designs.", content: json(ref("schemas", "BadgeDesignList")) }, ...readErrors },
        },
        post: {
          operationId: "createBadgeDesign",
          summary:
            "Adds the event's default design or one category's (`badges.manage`: owners, organisers, accreditation officers). A category with a design already answers 409 `badge_design.exists`; an unknown one 422.",
          security: writers,
          parameters: base,
          requestBody: { required: true, content: json(ref("schemas", "BadgeDesignCreate")) },
          responses: { 201: { ...saved, description: "Created; `Location` names it, `ETag` holds its version." }, ...writeErrors },
        },
      },
      "/events/{slug}/badge-designs/{designId}": {
        get: { operationId: "getBadgeDesign", summary: "One design.", security: readers, parameters: one, responses: { 200: saved, ...readErrors } },
        put: {
          operationId: "updateBadgeDesign",
          summary: "Saves a design if nobody saved it since the version it is based on; a stale one answers 409 with the design as it is.",
          security: writers,
          parameters: [...one, ref("parameters", "ifMatch"), version],
          requestBody: { required: true, content: json(ref("schemas", "BadgeDesignUpdate")) },
          responses: { 200: saved, ...writeErrors },
        },
        delete: {
          operationId: "deleteBadgeDesign",
          summary:
            "Deletes a design at the version given (`If-Match`, `?version=` or `version` in a JSON body): its category prints with the event's default again, the default with the built-in design.",
          security: writers,
          parameters: [...one, ref("parameters", "ifMatch"), version],
          responses: { 204: { description: "Deleted." }, ...writeErrors },
        },
      },
      "/events/{slug}/badge-designs/{designId}/preview.pdf": {
        get: {
          operationId: "previewBadgeDesign",
          summary:
            "One badge of the design as a PDF, drawn as a print run would: a person of its category (one with a photo preferred), else a sample person in four scripts. Writes nothing; its code opens no door. In `?lang=` or `Accept-Language` when the event has that language.",
          security: readers,
          parameters: one,
          responses: {
            200: { description: "The PDF, as an attachment.", content: { "application/pdf": { schema: { type: "string", format: "binary" } } } },
            ...readErrors,
          },
        },
      },
    },
    schemas: {
      BadgeDesign: jsonSchema(badgeDesignOutput, "output"),
      BadgeDesignAnswer: jsonSchema(badgeDesignAnswer, "output"),
      BadgeDesignList: jsonSchema(badgeDesignList, "output"),
      BadgeDesignCreate: createInput(),
      BadgeDesignUpdate: updateInput(),
    },
    parameters: {
      badgeDesignId: { name: "designId", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
    },
  };
}
