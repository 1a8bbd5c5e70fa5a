// The reference conference's documents library: its concept note and its information note for
// participants, issued as documents with symbols (TC/2022/1, TC/2022/INF.1) in English and Russian, their
// text taken from the demo's own pages (content.ts, in our own words). The note for participants is open
// to accredited participants only, so the demo shows a document read through a personal link.
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/index.ts";
import { extractText } from "../documents/extract-text.ts";
import { libraryDocuments, libraryFiles } from "../documents/schema.ts";
import { reindexDocument } from "../documents/search.ts";
import { textDocx } from "../documents/text-docx.ts";
import type { AccessLevel, DocumentKind, DocumentSeries } from "../documents/vocabulary.ts";
import { events } from "../events/schema.ts";
import { fileStore } from "../files/store.ts";
import type { Localized } from "../shared/localized.ts";
import { demoPages } from "./content.ts";

export const demoDocumentPrefix = "TC/2022";

interface DemoDocument {
  series: DocumentSeries;
  number: number;
  kind: DocumentKind;
  access: AccessLevel;
  /** The demo page whose text the document carries. */
  page: string;
  /** An invented demo value, like the programme's times. */
  issuedOn: string;
  summary: Localized;
}

const demoDocuments: DemoDocument[] = [
  {
    series: "general",
    number: 1,
    kind: "concept_note",
    access: "public",
    page: "concept-note",
    issuedOn: "2022-02-01",
    summary: {
      en: "Why the conference meets, what it is expected to endorse (the updated Joint Plan of Action and the Tashkent Declaration), and how it is organised.",
      ru: "Зачем собирается конференция, что ей предстоит одобрить (обновлённый Совместный план действий и Ташкентскую декларацию) и как она организована.",
    },
  },
  {
    series: "information",
    number: 1,
    kind: "information_note",
    access: "accredited",
    page: "information-for-attendees",
    issuedOn: "2022-02-15",
    summary: {
      en: "Registration, hybrid participation, interpretation and badges, for accredited participants.",
      ru: "Регистрация, гибридное участие, устный перевод и бейджи — для аккредитованных участников.",
    },
  },
];

const marks: Record<"en" | "ru", (day: string) => string[]> = {
  en: (day) => [new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`)), "Original: English"],
  ru: (day) => [new Intl.DateTimeFormat("ru", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`)), "Язык оригинала: английский"],
};

/**
 * A page's Markdown as the document's blocks: headings, paragraphs and list items, emphasis marks and link
 * targets dropped, and without the page's pointer to the document itself.
 */
function blocksOf(markdown: string, symbol: string): string[] {
  return markdown
    .split(/\n\s*\n|\n(?=- )/)
    .map((block) =>
      block
        .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
        .replace(/\*/g, "")
        .trim(),
    )
    .filter((block) => block && !block.includes(symbol));
}

/** Called inside the demo's seeding transaction (seed.ts). */
export async function seedDemoLibrary(tx: Tx, eventId: number): Promise<void> {
  await tx.update(events).set({ documentPrefix: demoDocumentPrefix }).where(eq(events.id, eventId));
  for (const d of demoDocuments) {
    const page = demoPages.find((p) => p.slug === d.page)!;
    const symbol = `${demoDocumentPrefix}/${d.series === "information" ? "INF." : d.series === "limited" ? "L." : ""}${d.number}`;
    const [document] = await tx
      .insert(libraryDocuments)
      .values({
        eventId,
        symbol,
        prefix: demoDocumentPrefix,
        series: d.series,
        number: d.number,
        kind: d.kind,
        title: page.title,
        summary: d.summary,
        originalLanguage: "en",
        issuedOn: d.issuedOn,
        state: "issued",
        access: d.access,
      })
      .returning();
    for (const language of ["en", "ru"] as const) {
      const bytes = textDocx({
        symbol,
        marks: marks[language](d.issuedOn),
        title: page.title[language]!,
        blocks: blocksOf(page.body[language]!, symbol),
        language,
      });
      const stored = await fileStore.put(tx, { eventId, kind: "document", filename: `${symbol.replaceAll("/", "_")}_${language}.docx`, body: bytes });
      const text = await extractText(bytes, stored.contentType);
      await tx.insert(libraryFiles).values({ eventId, documentId: document.id, language, version: 1, fileId: stored.id, text });
    }
    await reindexDocument(tx, document.id);
  }
}
