import { z } from "zod";
import {
  adoptionMethods,
  amendmentKinds,
  amendmentStates,
  anchorStates,
  documentStates,
  paragraphKinds,
  paragraphStatuses,
  revisionStates,
  statementKinds,
} from "../negotiation/vocabulary.ts";
import { integer } from "../shared/validate.ts";

/** What `/api/v1` answers about outcome documents, as zod schemas: presenters are typed by them, the OpenAPI document generated from them. */
const id = integer().positive();
const localized = z.record(z.string(), z.string()).meta({ description: "One text per content language." });
const instant = z.string().nullable().meta({ description: "ISO 8601, with the event's offset." });
const change = z.object({ kind: z.enum(["same", "added", "removed"]), text: z.string() });

export const documentOutput = z.object({
  id,
  symbol: z.string().meta({ examples: ["TC/2026/L.1"] }),
  title: localized,
  negotiatingLanguage: z.string().meta({ description: "The language amendments are anchored in." }),
  state: z.enum(documentStates),
});

export const revisionSummaryOutput = z.object({
  id,
  number: integer().min(0).meta({ description: "0 for the zero draft, then Rev.1, Rev.2…" }),
  state: z.enum(revisionStates),
  aligned: z.record(z.string(), integer()).meta({ description: 'The revision each language\'s text was last aligned with ("ru": 1).' }),
  issuedAt: instant,
  silenceUntil: instant,
  silenceBrokenAt: instant,
  adoptedAt: instant,
  adoptedHow: z.enum(adoptionMethods).nullable(),
  adoptedThrough: z.enum(["meeting", "silence"]).nullable(),
  adoptedBy: localized.nullable(),
  version: integer(),
});

export const paragraphOutput = z.object({
  paragraphId: id.meta({ description: "The paragraph's identity for its whole life: never its number." }),
  number: z
    .string()
    .nullable()
    .meta({ description: 'Computed for this revision ("PP3", "OP5 bis"); null when deleted or merged.', examples: ["OP5 bis"] }),
  position: integer().meta({ description: "Order in this revision, from 0; never the paragraph's identity." }),
  kind: z.enum(paragraphKinds),
  text: localized,
  status: z.enum(paragraphStatuses),
  brackets: z.array(
    z.object({
      id: z.string(),
      start: integer(),
      end: integer(),
      alternatives: z.array(z.object({ text: z.string(), heldBy: z.array(id) })),
    }),
  ),
  splitFromId: id.nullable(),
  mergedIntoId: id.nullable(),
});

export const statementOutput = z.object({
  id,
  delegationId: id,
  paragraphId: id.nullable(),
  kind: z.enum(statementKinds),
  originalLanguage: z.string(),
  text: localized,
  receivedAt: z.string(),
});

export const corrigendumOutput = z.object({
  id,
  number: integer().meta({ description: "Corr.1, Corr.2 … of the adopted revision." }),
  language: z.string().meta({ description: "The one language it corrects." }),
  changes: z.array(z.object({ paragraphId: id, text: z.string() })),
  note: localized,
  issuedAt: z.string(),
});

export const revisionOutput = z.object({
  document: documentOutput,
  revision: revisionSummaryOutput,
  paragraphs: z.array(paragraphOutput).meta({ description: "Once adopted, with the corrigenda applied in their languages." }),
  statements: z.array(statementOutput),
  corrigenda: z.array(corrigendumOutput),
});

export const lineageOutput = z.object({
  id,
  title: localized,
  symbol: z.string(),
  year: integer().nullable(),
  url: z.string(),
  earlier: z.object({ eventSlug: z.string(), symbol: z.string(), title: localized }).nullable(),
  language: z.string().nullable().meta({ description: "The language the texts were compared in; null when no text to compare." }),
  carried: z.array(z.object({ paragraphId: id, from: z.string(), kind: z.enum(["verbatim", "adapted"]) })),
});
export const lineageListOutput = z.object({ lineage: z.array(lineageOutput) });
export const corrigendumSavedOutput = z.object({ corrigendum: corrigendumOutput });

export const documentDetailOutput = z.object({ document: documentOutput, revisions: z.array(revisionSummaryOutput) });

export const redlineOutput = z.object({
  from: integer(),
  to: integer(),
  concordance: z.array(
    z.object({
      paragraphId: id,
      oldNumber: z.string().nullable(),
      newNumber: z.string().nullable(),
      change: z.enum(["unchanged", "moved", "split", "merged", "new", "deleted"]),
      relatedParagraphId: id.nullable(),
      textChanged: z.boolean(),
      oldStatus: z.enum(paragraphStatuses).nullable(),
      newStatus: z.enum(paragraphStatuses).nullable(),
    }),
  ),
  paragraphs: z.array(z.object({ paragraphId: id, languages: z.record(z.string(), z.array(change)) })),
});

export const amendmentOutput = z.object({
  id,
  paragraphId: id,
  parentId: id.nullable(),
  delegationId: id,
  cosponsors: z.array(id),
  kind: z.enum(amendmentKinds),
  language: z.string(),
  proposedText: z.string(),
  afterParagraphId: id.nullable(),
  state: z.enum(amendmentStates),
  original: z.object({ start: integer(), end: integer(), text: z.string() }),
  anchor: z.object({
    revisionId: id.nullable(),
    start: integer(),
    end: integer(),
    text: z.string(),
    state: z.enum(anchorStates).meta({ description: "current: pending on the latest revision; to_be_reviewed: its words changed; overtaken: they are gone." }),
  }),
  receivedAt: z.string(),
  version: integer(),
});

export const amendmentListOutput = z.object({
  amendments: z.array(amendmentOutput),
  collisions: z.array(z.tuple([id, id])).meta({ description: "Pairs of open amendments whose spans overlap in the same paragraph version." }),
});

export type DocumentOutput = z.infer<typeof documentOutput>;
export type RevisionSummaryOutput = z.infer<typeof revisionSummaryOutput>;
export type AmendmentOutput = z.infer<typeof amendmentOutput>;
export type ParagraphOutput = z.infer<typeof paragraphOutput>;
export type RevisionOutput = z.infer<typeof revisionOutput>;
export const statementSavedOutput = z.object({ statement: statementOutput });
export const silenceBreakOutput = z.object({
  break: z.object({ id, delegationId: id, kind: z.enum(["objection", "amendment"]), note: z.string(), receivedAt: z.string() }),
  revision: revisionSummaryOutput,
});
