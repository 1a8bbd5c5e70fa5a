// The text of a DOCX or ODT, for search: both are zips of XML (checked by features/files/archive.ts before
// this reads them), and their running text sits in a few elements of one entry. We read that entry (up to a
// limit) and keep those elements' text, with paragraph breaks; no library needed for this much.
import { readZipEntry, zipEntries } from "../files/zip.ts";

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith("#x")) return safeCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return safeCodePoint(Number.parseInt(name.slice(1), 10));
    return entities[name] ?? whole;
  });
}

const safeCodePoint = (n: number) => (Number.isInteger(n) && n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : "");

const tidy = (text: string, maxChars: number) =>
  text
    .replace(/[ \t]+/g, " ")
    .replace(/ ?\n[\n ]*/g, "\n")
    .trim()
    .slice(0, maxChars);

/** WordprocessingML: text runs (`w:t`), tabs, breaks; a paragraph (`w:p`) ends a line. */
export function docxXmlText(xml: string, maxChars: number): string {
  let out = "";
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<\/w:p>|<w:tab\/>|<w:br\/>|<w:cr\/>/g)) {
    if (m[1] !== undefined) out += decodeEntities(m[1]);
    else out += m[0] === "<w:tab/>" ? "\t" : "\n";
    if (out.length > maxChars * 2) break;
  }
  return tidy(out, maxChars);
}

/** OpenDocument text: paragraphs and headings end a line; `text:s` stands for spaces; every other tag is dropped. */
export function odtXmlText(xml: string, maxChars: number): string {
  const body = xml.slice(Math.max(0, xml.indexOf("<office:body")));
  const text = body
    .replace(/<text:s(?:\s+text:c="(\d+)")?\s*\/>/g, (_, n: string | undefined) => " ".repeat(Math.min(Number(n ?? 1), 100)))
    .replace(/<text:tab\s*\/>/g, "\t")
    .replace(/<text:line-break\s*\/>|<\/text:p>|<\/text:h>/g, "\n")
    .replace(/<[^>]*>/g, "");
  return tidy(decodeEntities(text), maxChars);
}

/** XML can be several times its text; read at most this much of the entry. */
const xmlPerChar = 8;

export async function officeText(bytes: Uint8Array, kind: "docx" | "odt", maxChars: number): Promise<string | null> {
  const entries = zipEntries(bytes);
  if (!entries) return null;
  const xml = await readZipEntry(bytes, entries, kind === "docx" ? "word/document.xml" : "content.xml", maxChars * xmlPerChar);
  if (!xml) return null;
  const source = Buffer.from(xml).toString("utf8");
  const text = kind === "docx" ? docxXmlText(source, maxChars) : odtXmlText(source, maxChars);
  return text.length > 0 ? text : null;
}
