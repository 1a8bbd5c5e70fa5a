import type { z } from "zod";
import { amendmentInput, issueRevisionInput } from "../negotiation/input.ts";
import {
  amendmentListOutput,
  amendmentOutput,
  documentDetailOutput,
  documentOutput,
  redlineOutput,
  revisionOutput,
  revisionSummaryOutput,
} from "./negotiation-schemas.ts";

/** The negotiation room's part of the OpenAPI document (features/api/openapi.ts merges it in). */
export function negotiationOpenApi(jsonSchema: (schema: z.ZodType, io: "input" | "output") => Record<string, unknown>) {
  const ref = (kind: "schemas" | "parameters" | "responses" | "headers", name: string) => ({ $ref: `#/components/${kind}/${name}` });
  const json = (schema: object) => ({ "application/json": { schema } });
  const readSecurity = [{}, { session: [] }, { token: [] }, { delegateLink: [] }];
  const base = [ref("parameters", "slug"), ref("parameters", "acceptLanguage")];
  const one = [...base, ref("parameters", "documentId")];
  const readErrors = { 401: ref("responses", "Unauthorized"), 403: ref("responses", "Forbidden"), 404: ref("responses", "NotFound") };
  const writeErrors = {
    ...readErrors,
    400: ref("responses", "BadRequest"),
    409: ref("responses", "Conflict"),
    413: ref("responses", "TooLarge"),
    415: ref("responses", "UnsupportedMedia"),
    422: ref("responses", "Unprocessable"),
  };
  const revisionQuery = (name: string, description: string) => ({ name, in: "query", required: true, schema: { type: "integer", minimum: 0 }, description });

  return {
    paths: {
      "/events/{slug}/documents": {
        get: {
          operationId: "listDocuments",
          summary: "Outcome documents and the revisions the caller may see: staff all, delegates issued ones, the public adopted ones.",
          security: readSecurity,
          parameters: base,
          responses: {
            200: {
              description: "The documents.",
              content: json({
                type: "object",
                properties: { documents: { type: "array", items: ref("schemas", "DocumentWithRevisions") } },
                required: ["documents"],
              }),
            },
            ...readErrors,
          },
        },
      },
      "/events/{slug}/documents/{documentId}": {
        get: {
          operationId: "getDocument",
          summary: "One outcome document and its revisions.",
          security: readSecurity,
          parameters: one,
          responses: { 200: { description: "The document.", content: json(ref("schemas", "DocumentDetail")) }, ...readErrors },
        },
      },
      "/events/{slug}/documents/{documentId}/revisions/{number}": {
        get: {
          operationId: "getRevision",
          summary: "A revision's snapshot: its paragraphs in order, numbered for it, with statuses, brackets and, once adopted, statements.",
          security: readSecurity,
          parameters: [...one, ref("parameters", "revisionNumber")],
          responses: {
            200: { description: "The revision.", headers: { ETag: ref("headers", "ETag") }, content: json(ref("schemas", "Revision")) },
            ...readErrors,
          },
        },
      },
      "/events/{slug}/documents/{documentId}/revisions": {
        post: {
          operationId: "issueRevision",
          summary: "Issues the open draft: it becomes an immutable snapshot, and open amendments are carried onto it.",
          security: [{ session: [] }],
          parameters: one,
          requestBody: { required: true, content: json(ref("schemas", "IssueRevisionInput")) },
          responses: {
            201: {
              description: "Issued.",
              content: json({
                type: "object",
                properties: { revision: ref("schemas", "RevisionSummary"), rebased: { type: "array", items: { type: "object" } } },
                required: ["revision"],
              }),
            },
            ...writeErrors,
          },
        },
      },
      "/events/{slug}/documents/{documentId}/redline": {
        get: {
          operationId: "getRedline",
          summary: "The redline between two revisions, by paragraph id: a concordance of numbers and a word diff per paragraph and language.",
          security: readSecurity,
          parameters: [...one, revisionQuery("from", "The earlier revision's number."), revisionQuery("to", "The later revision's number.")],
          responses: { 200: { description: "The redline.", content: json(ref("schemas", "Redline")) }, ...readErrors },
        },
      },
      "/events/{slug}/documents/{documentId}/amendments": {
        get: {
          operationId: "listAmendments",
          summary: "Every amendment to the document, with where its anchor stands on the latest revision, and the pairs that collide.",
          security: [{ session: [] }, { token: [] }, { delegateLink: [] }],
          parameters: one,
          responses: { 200: { description: "The amendments.", content: json(ref("schemas", "AmendmentList")) }, ...readErrors },
        },
        post: {
          operationId: "submitAmendment",
          summary:
            "Proposes an amendment to the latest issued revision (a delegate through their link, or the secretariat for a delegation). Under silence, it breaks the silence.",
          security: [{ delegateLink: [] }, { session: [] }],
          parameters: one,
          requestBody: { required: true, content: json(ref("schemas", "AmendmentInput")) },
          responses: {
            201: {
              description: "Submitted.",
              content: json({ type: "object", properties: { amendment: ref("schemas", "Amendment") }, required: ["amendment"] }),
            },
            ...writeErrors,
          },
        },
      },
    },
    schemas: {
      Document: jsonSchema(documentOutput, "output"),
      DocumentWithRevisions: {
        allOf: [
          ref("schemas", "Document"),
          { type: "object", properties: { revisions: { type: "array", items: ref("schemas", "RevisionSummary") } }, required: ["revisions"] },
        ],
      },
      DocumentDetail: jsonSchema(documentDetailOutput, "output"),
      RevisionSummary: jsonSchema(revisionSummaryOutput, "output"),
      Revision: jsonSchema(revisionOutput, "output"),
      Redline: jsonSchema(redlineOutput, "output"),
      Amendment: jsonSchema(amendmentOutput, "output"),
      AmendmentList: jsonSchema(amendmentListOutput, "output"),
      AmendmentInput: jsonSchema(amendmentInput, "input"),
      IssueRevisionInput: jsonSchema(issueRevisionInput, "input"),
    },
    parameters: {
      documentId: { name: "documentId", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
      revisionNumber: {
        name: "number",
        in: "path",
        required: true,
        schema: { type: "integer", minimum: 0 },
        description: "0 for the zero draft, 1 for Rev.1…",
      },
    },
    securitySchemes: {
      delegateLink: {
        type: "apiKey",
        in: "header",
        name: "Plenary-Link",
        description: "A delegate's personal participant link (the token of `/p/…`). Heads of Delegation and Delegates propose; observers read.",
      },
    },
  };
}
