// What the library's API answers, one zod schema each: the presenters are typed by them, and the OpenAPI
// document is generated from them (openapi-library.ts).
import { z } from "zod";
import { accessLevels, documentKinds, documentSeries, libraryStates, symbolSuffixes } from "../documents/vocabulary.ts";
import { integer } from "../shared/validate.ts";

const localized = z.record(z.string(), z.string());

export const libraryFileOutput = z.object({
  language: z.string(),
  version: integer(),
  contentType: z.string(),
  size: integer(),
  filename: z.string(),
  uploadedAt: z.string().describe("When it was uploaded, in the event's time zone (ISO 8601 with offset)."),
  url: z.string().describe("Where to download it through this API."),
});

export const libraryDocumentOutput = z.object({
  id: integer(),
  symbol: z.string(),
  series: z.enum(documentSeries),
  parentSymbol: z.string().nullable().describe("The document this one revises, corrects or adds to."),
  suffix: z.enum(symbolSuffixes).nullable(),
  kind: z.enum(documentKinds),
  title: localized,
  summary: localized,
  originalLanguage: z.string(),
  issuedOn: z.string().nullable(),
  state: z.enum(libraryStates),
  access: z.enum(accessLevels),
  categoryIds: z.array(integer()).optional().describe("Staff only: the categories a `categories` document is open to."),
  delegationIds: z.array(integer()).optional().describe("Staff only: the delegations a `delegations` document is open to."),
  publicUrl: z.string().describe("The document's page at its stable address (symbol's slashes as path segments)."),
  files: z.array(libraryFileOutput).describe("The current file of each language."),
  versions: z.array(libraryFileOutput).optional().describe("Staff only: every file of every language, newest first."),
  version: integer(),
});

export const libraryListOutput = z.object({ documents: z.array(libraryDocumentOutput) });
export const libraryDocumentAnswer = z.object({ document: libraryDocumentOutput });
export const libraryFileAnswer = z.object({ file: libraryFileOutput, textFound: z.boolean().describe("Whether text was read from the file for search.") });

export type LibraryDocumentOutput = z.infer<typeof libraryDocumentOutput>;
export type LibraryFileOutput = z.infer<typeof libraryFileOutput>;
