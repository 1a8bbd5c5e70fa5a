// A revision as a Word document (the `docx` package): the symbol, date and "Original" block at the top
// right, the title, then the numbered paragraphs with their brackets and status marks. A redline is the
// later revision with Word's own tracked changes (w:ins, w:del) for every word changed, so a delegation's
// lawyer can step through them in Word or LibreOffice and accept or reject each.
import { AlignmentType, DeletedTextRun, Document, Footer, InsertedTextRun, Packer, PageNumber, Paragraph, type ParagraphChild, TextRun } from "docx";
import { htmlLang } from "../../../i18n/index.ts";
import type { ExportParagraph, OutcomeText, Piece } from "./outcome-text.ts";

const cm = (v: number) => Math.round((v * 1440) / 2.54);

export async function outcomeDocx(text: OutcomeText): Promise<Uint8Array> {
  const rtl = text.dir === "rtl";
  const language = { value: htmlLang(text.lang), eastAsia: htmlLang(text.lang), bidirectional: htmlLang(text.lang) };
  const run = (value: string, extra: Record<string, unknown> = {}) => new TextRun({ text: value, rightToLeft: rtl, language, ...extra });
  let changeId = 0;
  const change = { author: text.revisionName, date: text.instant };
  const inserted = (value: string) => new InsertedTextRun({ id: ++changeId, ...change, text: value, rightToLeft: rtl, language });
  const deleted = (value: string) => new DeletedTextRun({ id: ++changeId, ...change, text: value, rightToLeft: rtl, language });
  const right = rtl ? AlignmentType.LEFT : AlignmentType.RIGHT;

  const head = [
    new Paragraph({ alignment: right, bidirectional: rtl, children: [run(text.symbol, { bold: true, size: 26 })] }),
    new Paragraph({ alignment: right, bidirectional: rtl, children: [run(text.date)] }),
    new Paragraph({ alignment: right, bidirectional: rtl, spacing: { after: 360 }, children: [run(text.original)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, bidirectional: rtl, spacing: { after: 120 }, children: [run(text.title, { bold: true, size: 28 })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      bidirectional: rtl,
      spacing: { after: 360 },
      children: [run([text.comparison?.heading ?? text.revisionName, text.adoption, text.alignment].filter(Boolean).join(" · "), { italics: true })],
    }),
  ];

  const pieceRuns = (piece: Piece): ParagraphChild[] => {
    switch (piece.kind) {
      case "text":
        return [run(piece.text)];
      case "added":
        return [inserted(piece.text)];
      case "removed":
        return [deleted(piece.text)];
      case "bracket":
        return [
          run("[", { bold: true }),
          run(piece.text),
          run("]", { bold: true }),
          ...piece.alternatives.map((alt) => run(` (${alt.label}: “${alt.text}”${alt.heldByLine ? `, ${alt.heldByLine}` : ""})`, { italics: true })),
        ];
    }
  };

  const numberRuns = (p: ExportParagraph): ParagraphChild[] => {
    if (text.comparison && p.oldNumber !== p.number) {
      return [...(p.oldNumber ? [deleted(p.oldNumber)] : []), ...(p.number ? [inserted(p.number)] : []), run("\t")];
    }
    return [run(p.number ?? p.oldNumber ?? "—"), run("\t")];
  };

  const body = text.paragraphs.map((p) => {
    const indent = p.kind === "sub" ? { left: cm(3.5), hanging: cm(1.5) } : { left: cm(2), hanging: cm(2) };
    // A paragraph deleted or merged away in this revision stays in it, struck through, as on the pages.
    const struck = !text.comparison && p.number === null;
    return new Paragraph({
      bidirectional: rtl,
      indent,
      spacing: { after: 200 },
      children: [
        ...numberRuns(p),
        ...p.pieces.flatMap((piece) => (struck && piece.kind === "text" ? [run(piece.text, { strike: true })] : pieceRuns(piece))),
        ...(p.statusMark ? [run(` (${p.statusMark})`, { italics: true, color: "555555" })] : []),
      ],
    });
  });

  const doc = new Document({
    creator: "Plenary",
    title: `${text.symbol} — ${text.title}`,
    description: text.comparison?.heading ?? text.revisionName,
    styles: { default: { document: { run: { font: "Times New Roman", size: 24 } } } },
    sections: [
      {
        properties: { page: { margin: { top: cm(2), bottom: cm(2), left: cm(2.5), right: cm(2.5) } } },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, bidirectional: rtl, children: pageLine(text, run) })] }) },
        children: [...head, ...body],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** "Page 2 of 5" in the export language, with Word's page fields where the numbers go. */
function pageLine(text: OutcomeText, run: (value: string) => TextRun): ParagraphChild[] {
  const line = text.t("negotiation.export.page", { page: "\u0001", pages: "\u0002" });
  return line
    .split(/(\u0001|\u0002)/)
    .filter(Boolean)
    .map((part) =>
      part === "\u0001" ? new TextRun({ children: [PageNumber.CURRENT] }) : part === "\u0002" ? new TextRun({ children: [PageNumber.TOTAL_PAGES] }) : run(part),
    );
}
