import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { negotiatedOutcome, newPreamble, rewrittenOp, zeroDraft } from "../../../test/outcome-fixture.ts";
import { startTestServer, type TestServer } from "../../../test/server.ts";
import { exportRevision, loadOutcomeText } from "./export-revision.ts";
import { readingOf } from "./outcome-text.ts";

let app: TestServer;
let work: string;
let room: Awaited<ReturnType<typeof negotiatedOutcome>>;
const db = () => app.services.db;

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  work = mkdtempSync(path.join(tmpdir(), "plenary-exports-"));
  room = await negotiatedOutcome(db());
});
afterAll(async () => {
  await app?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs of spaces, tabs and line ends read as one space: a wrapped line and a tab after a number are not words. */
const flat = (value: string) => value.replace(/\s+/g, " ").trim();

/** The text LibreOffice reads out of a DOCX (headless, with a profile of its own so parallel runs do not meet). */
function docxText(bytes: Uint8Array, name: string): string {
  const dir = mkdtempSync(path.join(work, "lo-"));
  const file = path.join(dir, `${name}.docx`);
  writeFileSync(file, bytes);
  execFileSync(
    "soffice",
    [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", dir, file],
    { stdio: "ignore", timeout: 120_000 },
  );
  return readFileSync(path.join(dir, `${name}.txt`), "utf8");
}

/** One part of a DOCX (a zip), as text. */
function docxPart(bytes: Uint8Array, part: string): string {
  const file = path.join(mkdtempSync(path.join(work, "zip-")), "file.docx");
  writeFileSync(file, bytes);
  return execFileSync("unzip", ["-p", file, part], { encoding: "utf8" });
}

function pdfText(bytes: Uint8Array): string {
  const file = path.join(mkdtempSync(path.join(work, "pdf-")), "file.pdf");
  writeFileSync(file, bytes);
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
}

describe("DOCX of a revision", () => {
  it("holds every paragraph with its number, the brackets and who holds each alternative, in English and Russian", async () => {
    const reads: Record<string, string> = {};
    for (const lang of ["en", "ru"]) {
      const text = await loadOutcomeText(db(), room.event, room.document, 0, "staff", { lang });
      const file = await exportRevision(db(), room.event, room.document, 0, "staff", { format: "docx", lang }, "http://localhost");
      expect(file.contentType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      expect(file.filename).toBe(`${room.document.symbol.replaceAll("/", "_")}_zero-draft_${lang.toUpperCase()}.docx`);
      const read = flat(docxText(file.body, `zero-${lang}`));
      reads[lang] = read;
      expect(read).toContain(room.document.symbol);
      expect(read).toContain(lang === "en" ? "Original: ENGLISH" : "Язык оригинала: АНГЛИЙСКИЙ");
      expect(read).toContain(text.date);
      for (const p of text.paragraphs) {
        expect(read).toContain(`${p.number} ${flat(readingOf(p).replace(/\[|\]/g, ""))}`.split(" ").slice(0, 4).join(" "));
        for (const piece of p.pieces) expect(read).toContain(flat(piece.text));
      }
      if (lang === "ru") for (const [, words] of zeroDraft) expect(read).toContain(flat(words.ru));
    }
    const en = reads.en;
    const [first, second] = room.holders.map((h) => h.name.en);
    expect(en).toContain(`[regional cooperation] (alt. 1: “regional cooperation”, Held by ${first}) (alt. 2: “interregional cooperation”, Held by ${second})`);
    expect(en).toContain("(Agreed ad referendum)");
  });

  it("redlines Rev.1 against the zero draft with Word's own tracked changes, in each language", async () => {
    for (const lang of ["en", "ru"]) {
      const file = await exportRevision(db(), room.event, room.document, 1, "staff", { format: "docx", lang, compare: 0 }, "");
      expect(file.filename).toBe(`${room.document.symbol.replaceAll("/", "_")}_zero-draft-Rev.1_redline_${lang.toUpperCase()}.docx`);
      const xml = docxPart(file.body, "word/document.xml");
      const inserted = [...xml.matchAll(/<w:ins [^>]*>(.*?)<\/w:ins>/g)].map((m) => [...m[1].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""));
      const deleted = [...xml.matchAll(/<w:del [^>]*>(.*?)<\/w:del>/g)].map((m) =>
        [...m[1].matchAll(/<w:delText[^>]*>([^<]*)<\/w:delText>/g)].map((t) => t[1]).join(""),
      );
      expect(flat(inserted.join(" "))).toContain(lang === "en" ? "deepen" : "углублять");
      expect(flat(inserted.join(" "))).toContain(flat(newPreamble[lang as "en" | "ru"]));
      expect(flat(deleted.join(" "))).toContain(lang === "en" ? "strengthen" : "укреплять");
      expect(flat(deleted.join(" "))).toContain(flat(zeroDraft[6][1][lang as "en" | "ru"]));
      // Numbers that moved are tracked too: PP1 became PP2.
      expect(deleted).toContain("PP1");
      expect(inserted).toContain("PP2");
      expect(xml).toMatch(/<w:ins w:id="\d+" w:author="[^"]+" w:date="\d{4}-\d\d-\d\dT/);
      // LibreOffice opens it and shows the later text with the tracked changes.
      const read = flat(docxText(file.body, `redline-${lang}`));
      expect(read).toContain(
        flat(rewrittenOp[lang as "en" | "ru"])
          .split(" ")
          .slice(-5)
          .join(" "),
      );
    }
  });
});

describe("PDF of a revision", () => {
  it("prints the symbol, date, original language, page numbers and every paragraph, in English and Russian", async () => {
    for (const lang of ["en", "ru"]) {
      const text = await loadOutcomeText(db(), room.event, room.document, 1, "staff", { lang });
      const file = await exportRevision(db(), room.event, room.document, 1, "staff", { format: "pdf", lang }, "");
      expect(file.filename).toBe(`${room.document.symbol.replaceAll("/", "_")}_Rev.1_${lang.toUpperCase()}.pdf`);
      const raw = pdfText(file.body);
      const read = flat(raw);
      expect(read).toContain(room.document.symbol);
      expect(read).toContain(text.date);
      expect(read).toContain(lang === "en" ? "Original: ENGLISH" : "Язык оригинала: АНГЛИЙСКИЙ");
      expect(read).toContain(lang === "en" ? "Page 1 of 1" : "Страница 1 из 1");
      for (const p of text.paragraphs) {
        expect(read).toContain(p.number ?? "");
        for (const piece of p.pieces) expect(read).toContain(flat(piece.text));
      }
      // Brackets are spans of the English text: the Russian one reads plainly, whole.
      if (lang === "ru") expect(read).toContain(flat(rewrittenOp.ru));
      else expect(read).toContain("Calls upon all States to deepen [regional and interregional cooperation] (alt. 1:");
    }
  });

  it("wraps a long text over several pages and numbers them all", async () => {
    const text = await loadOutcomeText(db(), room.event, room.document, 1, "staff", { lang: "en" });
    const long = "Calls upon Member States to cooperate closely on water, energy and climate resilience across the region; ";
    const many = {
      ...text,
      paragraphs: Array.from({ length: 60 }, (_, i) => ({
        ...text.paragraphs[3],
        paragraphId: 1000 + i,
        number: `OP${i + 1}`,
        pieces: [{ kind: "text" as const, text: long.repeat(3) }],
      })),
    };
    const { outcomePdf } = await import("./render-pdf.ts");
    const read = flat(pdfText(await outcomePdf(many)));
    const pages = Number(/Page 1 of (\d+)/.exec(read)?.[1]);
    expect(pages).toBeGreaterThan(3);
    expect(read).toContain(`Page ${pages} of ${pages}`);
    expect(read).toContain(`OP60 ${flat(long.repeat(3))}`);
  });

  it("prints Chinese and Arabic with the shipped Noto fonts", async () => {
    const text = await loadOutcomeText(db(), room.event, room.document, 0, "staff", { lang: "en" });
    const { outcomePdf } = await import("./render-pdf.ts");
    const zh = "呼吁各国加强区域水资源管理合作；";
    const chinese = flat(pdfText(await outcomePdf({ ...text, lang: "zh", paragraphs: [{ ...text.paragraphs[2], pieces: [{ kind: "text", text: zh }] }] })));
    expect(chinese.replace(/\s/g, "")).toContain(zh);
    const arabic = await outcomePdf({
      ...text,
      lang: "ar",
      dir: "rtl",
      paragraphs: [{ ...text.paragraphs[2], pieces: [{ kind: "text", text: "يدعو جميع الدول إلى تعزيز التعاون الإقليمي" }] }],
    });
    expect(flat(pdfText(arabic))).toMatch(/\p{Script=Arabic}{3,}/u);
  });

  it("prints a redline's removed and added words, old and new numbers", async () => {
    const read = flat(pdfText((await exportRevision(db(), room.event, room.document, 1, "staff", { format: "pdf", lang: "ru", compare: 0 }, "")).body));
    expect(read).toContain("укреплять");
    expect(read).toContain("углублять");
    expect(read).toContain("PP1 PP2");
  });
});
