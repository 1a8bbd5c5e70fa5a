/**
 * `npm run bench:library` (part of `npm run bench`): the documents library (docs/decisions/0019).
 *
 * (o) Reading a PDF's text for search with pdf-lib (features/documents/pdf-text.ts), a BENCH_PDF_PAGES (60)
 *     page PDF with Latin and Cyrillic text. Baseline: poppler's `pdftotext` on the same file, in the same run.
 *     Aim: at most 5 times pdftotext's time, and under 2 s (it runs in the upload request).
 * (p) A search of BENCH_LIBRARY (1,000) documents, each with a title and a page of text in English and
 *     Russian, on PGlite and on PostgreSQL (when one answers): p50 of 50 searches. Baseline: the same list
 *     without a search (every document, access checked). Aim: a search within 3 times the plain list.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "../db/index.ts";
import type { Actor } from "../features/access/policy.ts";
import { extractText } from "../features/documents/extract-text.ts";
import { listLibrary } from "../features/documents/queries.ts";
import { libraryDocuments, libraryFiles } from "../features/documents/schema.ts";
import { reindexDocument } from "../features/documents/search.ts";
import { textDocx } from "../features/documents/text-docx.ts";
import { getEventBySlug } from "../features/events/queries.ts";
import { fileStore } from "../features/files/store.ts";
import { scratchDatabase } from "../test/database.ts";
import { makeEvent } from "../test/factories.ts";
import { withPrefix } from "../test/library.ts";
import { textPdf } from "../test/text-pdf.ts";
import { aim, fmt, machineLine, postgresBase, runBench, table, tempDir } from "./lib.ts";

const pages = Number(process.env.BENCH_PDF_PAGES ?? 60);
const documents = Number(process.env.BENCH_LIBRARY ?? 1_000);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(work: () => Promise<unknown>, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return median(times);
}

const english = (i: number) =>
  `Paragraph ${i}. The conference calls upon all States to strengthen regional cooperation on water management, border security and the prevention of violent extremism, and requests a report on progress.`;
const russian = (i: number) =>
  `Пункт ${i}. Конференция призывает все государства укреплять региональное сотрудничество в области водного хозяйства, безопасности границ и предупреждения насильственного экстремизма.`;

async function pdfPart() {
  const blocks = Array.from({ length: pages * 6 }, (_, i) => (i % 2 ? russian(i) : english(i)));
  const pdf = await textPdf({ symbol: "TC/2030/1", marks: [], title: "Bench", blocks, language: "en" });
  const file = path.join(tempDir("plenary-bench-library-"), "bench.pdf");
  writeFileSync(file, pdf);
  let reference: number | null = null;
  try {
    reference = await timed(async () => execFileSync("pdftotext", [file, "-"]), 5);
  } catch {
    console.log("pdftotext is not installed: the baseline is left out");
  }
  const ours = await timed(() => extractText(pdf, "application/pdf"), 5);
  const text = (await extractText(pdf, "application/pdf")) ?? "";
  console.log(`\n(o) text of a ${pages}-page PDF (${fmt(pdf.length / 1024)} KB, ${fmt(text.length)} characters read)`);
  table([
    ["reader", "median of 5"],
    ["pdftotext (poppler, a process of its own, baseline)", reference === null ? "—" : `${fmt(reference)} ms`],
    ["pdf-lib (features/documents/pdf-text.ts)", `${fmt(ours)} ms${reference ? ` (${fmt(ours / reference, 1)}×)` : ""}`],
  ]);
  aim("o", "PDF text ≤ 5× pdftotext and < 2 s", `${fmt(ours)} ms`, ours < 2000 && (reference === null || ours <= 5 * reference));
}

async function searchPart(kind: "pglite" | "postgres", url?: string) {
  const database = await openDatabase(url ? { url } : {});
  const { db } = database;
  const made = await makeEvent(db, { slug: `bench-library-${kind}` });
  const actor: Actor = { userId: made.owner.id, isAdmin: true, role: null, sideEventIds: [] };
  const event = await withPrefix(db, await getEventBySlug(db, made.event.slug), actor, "TC/2030");
  for (let i = 1; i <= documents; i++) {
    await db.transaction(async (tx) => {
      const [document] = await tx
        .insert(libraryDocuments)
        .values({
          eventId: event.id,
          symbol: `TC/2030/${i}`,
          prefix: "TC/2030",
          series: "general",
          number: i,
          kind: "information_note",
          title: { en: `Information note ${i}`, ru: `Информационная записка ${i}` },
          originalLanguage: "en",
          state: "issued",
          access: i % 3 === 0 ? "accredited" : "public",
        })
        .returning();
      for (const [language, line] of [
        ["en", english],
        ["ru", russian],
      ] as const) {
        const bytes = textDocx({
          symbol: document.symbol,
          marks: [],
          title: document.title[language],
          blocks: Array.from({ length: 12 }, (_, j) => line(i * 100 + j)),
          language,
        });
        const stored = await fileStore.put(tx, { eventId: event.id, kind: "document", filename: `${i}.docx`, body: bytes });
        await tx
          .insert(libraryFiles)
          .values({ eventId: event.id, documentId: document.id, language, version: 1, fileId: stored.id, text: await extractText(bytes, stored.contentType) });
      }
      await reindexDocument(tx, document.id);
    });
  }
  const reader = { kind: "public" } as const;
  const plain = await timed(() => listLibrary(db, event, reader), 50);
  const inEnglish = await timed(() => listLibrary(db, event, reader, { q: "extremism 4141" }), 50);
  const inRussian = await timed(() => listLibrary(db, event, reader, { q: "водное хозяйство" }), 50);
  console.log(`\n(p) ${fmt(documents)} documents in English and Russian, on ${kind}`);
  table([
    ["read", "p50 of 50"],
    ["every document, no search (baseline)", `${fmt(plain, 1)} ms`],
    ["search in English (one match)", `${fmt(inEnglish, 1)} ms (${fmt(inEnglish / plain, 2)}×)`],
    [`search in Russian (every public document: ${fmt(documents - Math.floor(documents / 3))})`, `${fmt(inRussian, 1)} ms (${fmt(inRussian / plain, 2)}×)`],
  ]);
  const worst = Math.max(inEnglish, inRussian);
  aim(`p ${kind}`, "search ≤ 3× the plain list", `${fmt(worst / plain, 2)}×`, worst <= 3 * plain);
  await database.close();
}

runBench(async () => {
  console.log(machineLine());
  await pdfPart();
  await searchPart("pglite");
  const base = await postgresBase();
  if (!base) {
    console.log("no PostgreSQL answers: the search on PostgreSQL is left out");
    return;
  }
  const scratch = (await scratchDatabase("plenary_bench_library", base.url))!;
  try {
    await searchPart("postgres", scratch.url);
  } finally {
    await scratch.drop();
  }
});
