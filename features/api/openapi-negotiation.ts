import type { z } from "zod";
import {
  addParagraphInput,
  adoptInput,
  amendmentInput,
  bracketInput,
  corrigendumInput,
  cosponsorInput,
  decideAmendmentInput,
  documentInput,
  foldInput,
  issueRevisionInput,
  lineageInput,
  markParagraphInput,
  mergeParagraphsInput,
  moveParagraphInput,
  objectionInput,
  openDraftInput,
  resolveBracketInput,
  silenceInput,
  splitParagraphInput,
  statementInput,
  updateParagraphInput,
  withdrawInput,
} from "../negotiation/input.ts";
import {
  amendmentListOutput,
  amendmentOutput,
  corrigendumSavedOutput,
  documentDetailOutput,
  documentOutput,
  lineageListOutput,
  redlineOutput,
  revisionOutput,
  revisionSummaryOutput,
  silenceBreakOutput,
  statementSavedOutput,
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

  const paragraph = [...one, ref("parameters", "paragraphId")];
  const revision = [...one, ref("parameters", "revisionNumber")];
  const amendment = [...one, ref("parameters", "amendmentId")];
  /** A write: who may call it, its body schema, and what it answers. */
  const write = (
    operationId: string,
    summary: string,
    parameters: object[],
    input: string,
    answer: { status: 200 | 201; schema: string; description: string },
    security: object[] = [{ session: [] }, { token: [] }],
  ) => ({
    post: {
      operationId,
      summary,
      security,
      parameters,
      requestBody: { required: true, content: json(ref("schemas", input)) },
      responses: {
        [answer.status]: { description: answer.description, headers: { ETag: ref("headers", "ETag") }, content: json(ref("schemas", answer.schema)) },
        ...writeErrors,
      },
    },
  });
  const draftAnswer = { status: 200 as const, schema: "Revision", description: "The draft as it now stands, numbers recomputed; `ETag` holds its version." };
  const amendmentAnswer = { status: 200 as const, schema: "SavedAmendment", description: "The amendment." };
  const delegates = [{ delegateLink: [] }, { session: [] }];
  const draftPath = "/events/{slug}/documents/{documentId}/draft";
  const paragraphPath = `${draftPath}/paragraphs/{paragraphId}`;
  const revisionPath = "/events/{slug}/documents/{documentId}/revisions/{number}";
  const amendmentPath = "/events/{slug}/documents/{documentId}/amendments/{amendmentId}";
  const writes = {
    [draftPath]: write(
      "openDraft",
      "Opens the next draft, copied from the latest issued revision (struck and merged paragraphs left out; `renumber` drops split links).",
      one,
      "OpenDraftInput",
      { ...draftAnswer, status: 201 },
    ),
    [`${draftPath}/paragraphs`]: write("addParagraph", "Adds a paragraph to the open draft, after another (or first).", one, "AddParagraphInput", {
      ...draftAnswer,
      status: 201,
    }),
    [paragraphPath]: {
      patch: {
        ...write(
          "updateParagraph",
          "Rewrites a paragraph of the open draft (brackets follow the words) or changes its kind.",
          paragraph,
          "UpdateParagraphInput",
          draftAnswer,
        ).post,
      },
    },
    [`${paragraphPath}/move`]: write(
      "moveParagraph",
      "Moves a paragraph after another (null: first); only its position changes.",
      paragraph,
      "MoveParagraphInput",
      draftAnswer,
    ),
    [`${paragraphPath}/split`]: write(
      "splitParagraph",
      'Splits a paragraph: the new part is "split from" it (OP5 bis).',
      paragraph,
      "SplitParagraphInput",
      draftAnswer,
    ),
    [`${paragraphPath}/merge`]: write(
      "mergeParagraphs",
      "Merges another paragraph into this one; both keep their ids.",
      paragraph,
      "MergeParagraphsInput",
      draftAnswer,
    ),
    [`${paragraphPath}/brackets`]: write(
      "addBracket",
      "Brackets a span of the negotiating-language text with its alternatives; an agreed paragraph returns to bracketed (audited).",
      paragraph,
      "BracketInput",
      draftAnswer,
    ),
    [`${paragraphPath}/brackets/{bracketId}/resolution`]: write(
      "resolveBracket",
      "Resolves a bracket with one of its alternatives.",
      [...paragraph, { name: "bracketId", in: "path", required: true, schema: { type: "string" } }],
      "ResolveBracketInput",
      draftAnswer,
    ),
    [`${paragraphPath}/status`]: write(
      "markParagraph",
      "Marks a paragraph agreed ad referendum, agreed (no brackets left) or deleted.",
      paragraph,
      "MarkParagraphInput",
      draftAnswer,
    ),
    [`${draftPath}/fold`]: write(
      "foldAmendments",
      "Folds amendments into the open draft, in the order given (a three-way merge); a conflict stops it with nothing written.",
      one,
      "FoldInput",
      draftAnswer,
    ),
    [`${amendmentPath}/decision`]: write(
      "decideAmendment",
      "Takes an amendment up, or decides not to incorporate it.",
      amendment,
      "DecideAmendmentInput",
      amendmentAnswer,
    ),
    [`${amendmentPath}/withdrawal`]: write(
      "withdrawAmendment",
      "The proponent withdraws its amendment.",
      amendment,
      "WithdrawInput",
      amendmentAnswer,
      delegates,
    ),
    [`${amendmentPath}/cosponsors`]: write(
      "cosponsorAmendment",
      "Another delegation co-sponsors an open amendment.",
      amendment,
      "CosponsorInput",
      amendmentAnswer,
      delegates,
    ),
    [`${revisionPath}/silence`]: write(
      "startSilence",
      "Puts the latest issued revision under silence until a wall-clock time in the event's time zone (the chair).",
      revision,
      "SilenceInput",
      { status: 200, schema: "RevisionSummaryAnswer", description: "Under silence." },
    ),
    [`${revisionPath}/objections`]: write(
      "objectToSilence",
      "A delegation's written objection: received before the deadline, it breaks the silence.",
      revision,
      "ObjectionInput",
      { status: 201, schema: "SilenceBreak", description: "Recorded; the revision is issued again." },
      delegates,
    ),
    [`${revisionPath}/adoption`]: write(
      "adoptRevision",
      "Declares the latest issued revision adopted in a meeting, by consensus or vote (the chair).",
      revision,
      "AdoptInput",
      { status: 200, schema: "RevisionSummaryAnswer", description: "Adopted." },
    ),
    [`${revisionPath}/statements`]: write(
      "addStatement",
      "Attaches a delegation's explanation of position, interpretative statement or reservation to the adopted revision.",
      revision,
      "StatementInput",
      { status: 201, schema: "SavedStatement", description: "Attached." },
      delegates,
    ),
    [`${revisionPath}/corrigenda`]: write(
      "issueCorrigendum",
      "Issues a corrigendum to the adopted revision: corrected wording of some paragraphs in one language only (the chair).",
      revision,
      "CorrigendumInput",
      { status: 201, schema: "SavedCorrigendum", description: "Issued as the next Corr. number." },
    ),
  };
  const lineagePath = "/events/{slug}/documents/{documentId}/lineage";

  return {
    paths: {
      ...writes,
      [lineagePath]: {
        get: {
          operationId: "listLineage",
          summary: "The earlier documents this one continues, each with the paragraphs of the latest revision the caller may see that carry over.",
          security: readSecurity,
          parameters: one,
          responses: { 200: { description: "The lineage.", content: json(ref("schemas", "Lineage")) }, ...readErrors },
        },
        post: {
          ...write(
            "linkEarlierDocument",
            "Links an earlier document: an adopted one of this instance, or one known by reference (with its text, optionally).",
            one,
            "LineageInput",
            {
              status: 201,
              schema: "Created",
              description: "Linked.",
            },
          ).post,
        },
      },
      [`${lineagePath}/{lineageId}`]: {
        delete: {
          operationId: "unlinkEarlierDocument",
          summary: "Removes a link to an earlier document.",
          security: [{ session: [] }, { token: [] }],
          parameters: [...one, { name: "lineageId", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
          responses: { 204: { description: "Removed." }, ...writeErrors },
        },
      },
      "/events/{slug}/documents": {
        post: write("createDocument", "Creates an outcome document with its zero draft (facilitators).", base, "DocumentInput", {
          status: 201,
          schema: "Revision",
          description: "Created; the zero draft.",
        }).post,
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
      "/events/{slug}/documents/{documentId}/revisions/{number}/export.{format}": {
        get: {
          operationId: "exportRevision",
          summary:
            "A revision as a file, named with the document's symbol: Word (DOCX; a redline with tracked changes), PDF, or Akoma Ntoso 3.0 XML (one expression per language, `eId`/`wId` from the paragraph's stable id).",
          security: readSecurity,
          parameters: [
            ...one,
            ref("parameters", "revisionNumber"),
            { name: "format", in: "path", required: true, schema: { type: "string", enum: ["docx", "pdf", "xml"] } },
            {
              name: "lang",
              in: "query",
              required: false,
              schema: { type: "string" },
              description:
                "One of the event's languages (404 `language.not_found` otherwise); the document's negotiating language when absent. Also translates messages.",
            },
            {
              name: "compare",
              in: "query",
              required: false,
              schema: { type: "integer", minimum: 0 },
              description: "A redline against this revision's number (DOCX and PDF; 400 `negotiation.export_redline_xml` for XML).",
            },
          ],
          responses: {
            200: {
              description: "The file, with `Content-Disposition: attachment` and a name such as `TC_2030_L.1_Rev.2_EN.pdf`.",
              content: {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { schema: { type: "string", format: "binary" } },
                "application/pdf": { schema: { type: "string", format: "binary" } },
                "application/akn+xml": { schema: { type: "string" } },
              },
            },
            400: ref("responses", "BadRequest"),
            ...readErrors,
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
      DocumentInput: jsonSchema(documentInput, "input"),
      OpenDraftInput: jsonSchema(openDraftInput, "input"),
      AddParagraphInput: jsonSchema(addParagraphInput, "input"),
      UpdateParagraphInput: jsonSchema(updateParagraphInput, "input"),
      MoveParagraphInput: jsonSchema(moveParagraphInput, "input"),
      SplitParagraphInput: jsonSchema(splitParagraphInput, "input"),
      MergeParagraphsInput: jsonSchema(mergeParagraphsInput, "input"),
      BracketInput: jsonSchema(bracketInput, "input"),
      ResolveBracketInput: jsonSchema(resolveBracketInput, "input"),
      MarkParagraphInput: jsonSchema(markParagraphInput, "input"),
      FoldInput: jsonSchema(foldInput, "input"),
      DecideAmendmentInput: jsonSchema(decideAmendmentInput, "input"),
      WithdrawInput: jsonSchema(withdrawInput, "input"),
      CosponsorInput: jsonSchema(cosponsorInput, "input"),
      SilenceInput: jsonSchema(silenceInput, "input"),
      ObjectionInput: jsonSchema(objectionInput, "input"),
      AdoptInput: jsonSchema(adoptInput, "input"),
      StatementInput: jsonSchema(statementInput, "input"),
      CorrigendumInput: jsonSchema(corrigendumInput, "input"),
      LineageInput: jsonSchema(lineageInput, "input"),
      SavedCorrigendum: jsonSchema(corrigendumSavedOutput, "output"),
      Lineage: jsonSchema(lineageListOutput, "output"),
      Created: { type: "object", properties: { id: { type: "integer" } }, required: ["id"] },
      SavedAmendment: { type: "object", properties: { amendment: ref("schemas", "Amendment") }, required: ["amendment"] },
      RevisionSummaryAnswer: { type: "object", properties: { revision: ref("schemas", "RevisionSummary") }, required: ["revision"] },
      SilenceBreak: jsonSchema(silenceBreakOutput, "output"),
      SavedStatement: jsonSchema(statementSavedOutput, "output"),
    },
    parameters: {
      documentId: { name: "documentId", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
      paragraphId: {
        name: "paragraphId",
        in: "path",
        required: true,
        schema: { type: "integer", minimum: 1 },
        description: "The paragraph's stable id, never its number.",
      },
      amendmentId: { name: "amendmentId", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
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
