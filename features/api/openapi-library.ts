import type { z } from "zod";
import { accessInput, createDocumentInput, updateDocumentInput, versionInput } from "../documents/input.ts";
import { libraryDocumentAnswer, libraryDocumentOutput, libraryFileAnswer, libraryFileOutput, libraryListOutput } from "./library-schemas.ts";

/** The documents library's part of the OpenAPI document (features/api/openapi.ts merges it in). */
export function libraryOpenApi(jsonSchema: (schema: z.ZodType, io: "input" | "output") => Record<string, unknown>) {
  const ref = (kind: "schemas" | "parameters" | "responses" | "headers", name: string) => ({ $ref: `#/components/${kind}/${name}` });
  const json = (schema: object) => ({ "application/json": { schema } });
  const readers = [{}, { session: [] }, { token: [] }, { delegateLink: [] }];
  const writers = [{ session: [] }, { token: [] }];
  const base = [ref("parameters", "slug"), ref("parameters", "acceptLanguage")];
  const one = [...base, ref("parameters", "libraryDocumentId")];
  const language = {
    name: "language",
    in: "path",
    required: true,
    schema: { type: "string" },
    description: "One of the event's content languages (`en`, `ru`, `uz-Cyrl`…).",
  };
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
    description: "The document as saved; `ETag` holds its version.",
    headers: { ETag: ref("headers", "ETag") },
    content: json(ref("schemas", "LibraryDocumentAnswer")),
  };
  const versioned = (operationId: string, summary: string, input: string, method: "put" | "post") => ({
    [method]: {
      operationId,
      summary,
      security: writers,
      parameters: [...one, ref("parameters", "ifMatch")],
      requestBody: { required: method === "put", content: json(ref("schemas", input)) },
      responses: { 200: saved, ...writeErrors },
    },
  });
  return {
    paths: {
      "/events/{slug}/library": {
        get: {
          operationId: "listLibrary",
          summary:
            "The event's documents the caller may read: the public ones for anyone; with `Plenary-Link`, those open to that participant; staff every document in every state. `q` searches titles, summaries and the files' text in every language (stemmed per language).",
          security: readers,
          parameters: [...base, { name: "q", in: "query", required: false, schema: { type: "string", maxLength: 200 } }],
          responses: {
            200: { description: "The documents, best match first with `q`, else by symbol.", content: json(ref("schemas", "LibraryList")) },
            ...readErrors,
          },
        },
        post: {
          operationId: "createLibraryDocument",
          summary:
            "Creates a draft document (`library.edit`). Its `symbol` is typed (`TC/2022/L.2`, `TC/2022/1/Rev.1`) or, empty, the next number of `series` under the event's prefix; a symbol taken (by the library or the negotiation room) answers 409 `library.symbol_taken`.",
          security: writers,
          parameters: base,
          requestBody: { required: true, content: json(ref("schemas", "LibraryDocumentInput")) },
          responses: { 201: { ...saved, description: "The document; `Location` names it." }, ...writeErrors },
        },
      },
      "/events/{slug}/library/{documentId}": {
        get: {
          operationId: "getLibraryDocument",
          summary: "One document, as the caller may read it (a 404 otherwise; 410 `library.withdrawn` for a withdrawn one). Staff also get every file version.",
          security: readers,
          parameters: one,
          responses: { 200: saved, 410: ref("responses", "Gone"), ...readErrors },
        },
        ...versioned(
          "updateLibraryDocument",
          "Changes the kind, titles, summaries, original language and date of issue (never the symbol).",
          "LibraryDocumentUpdate",
          "put",
        ),
      },
      "/events/{slug}/library/{documentId}/access": versioned(
        "setLibraryAccess",
        "Sets who may read the document: `public`, `accredited`, `categories` (with `categoryIds`) or `delegations` (with `delegationIds`).",
        "LibraryAccessInput",
        "put",
      ),
      "/events/{slug}/library/{documentId}/issue": versioned(
        "issueLibraryDocument",
        "Issues a draft (or a withdrawn document again); the date of issue defaults to today in the event's time zone.",
        "LibraryVersionInput",
        "post",
      ),
      "/events/{slug}/library/{documentId}/withdrawal": versioned(
        "withdrawLibraryDocument",
        "Withdraws an issued document: gone from every list, its address answers 410.",
        "LibraryVersionInput",
        "post",
      ),
      "/events/{slug}/library/{documentId}/files/{language}": {
        get: {
          operationId: "downloadLibraryFile",
          summary: "The current file in a language, or (staff) an earlier `version`.",
          security: readers,
          parameters: [...one, language, { name: "version", in: "query", required: false, schema: { type: "integer", minimum: 1 } }],
          responses: {
            200: {
              description: "The file (PDF, DOCX or ODT), as an attachment.",
              content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
            },
            ...readErrors,
          },
        },
        put: {
          operationId: "uploadLibraryFile",
          summary:
            "Uploads the document's file in a language: the body is the file itself (PDF, DOCX or ODT, read from its bytes; at most 20 MB), its name in `?filename=`. An earlier file of that language is kept as a version.",
          security: writers,
          parameters: [...one, language, { name: "filename", in: "query", required: false, schema: { type: "string" } }],
          requestBody: { required: true, content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
          responses: { 201: { description: "The new version.", content: json(ref("schemas", "LibraryFileAnswer")) }, ...writeErrors },
        },
      },
    },
    schemas: {
      LibraryDocument: jsonSchema(libraryDocumentOutput, "output"),
      LibraryFile: jsonSchema(libraryFileOutput, "output"),
      LibraryList: jsonSchema(libraryListOutput, "output"),
      LibraryDocumentAnswer: jsonSchema(libraryDocumentAnswer, "output"),
      LibraryFileAnswer: jsonSchema(libraryFileAnswer, "output"),
      LibraryDocumentInput: jsonSchema(createDocumentInput, "input"),
      LibraryDocumentUpdate: jsonSchema(updateDocumentInput, "input"),
      LibraryAccessInput: jsonSchema(accessInput, "input"),
      LibraryVersionInput: jsonSchema(versionInput, "input"),
    },
    parameters: {
      libraryDocumentId: { name: "documentId", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
    },
  };
}
