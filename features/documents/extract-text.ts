import type { FileType } from "../files/kinds.ts";
import { officeText } from "./office-text.ts";
import { pdfText } from "./pdf-text.ts";

/**
 * What a document's file says, for search, capped: 200,000 characters keep the search vector of one
 * language well under PostgreSQL's 1 MB limit, and are more than any conference document's text.
 */
export const maxIndexedChars = 200_000;

export async function extractText(bytes: Uint8Array, type: FileType): Promise<string | null> {
  switch (type) {
    case "application/pdf":
      return pdfText(bytes, maxIndexedChars);
    case "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
      return officeText(bytes, "docx", maxIndexedChars);
    case "application/vnd.oasis.opendocument.text":
      return officeText(bytes, "odt", maxIndexedChars);
    default:
      return null;
  }
}
