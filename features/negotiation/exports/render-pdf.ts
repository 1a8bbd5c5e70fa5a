// A revision as a PDF (pdf-lib + fontkit, the Noto pieces of features/shared/pdf-fonts.ts): symbol at the
// top right of every page, date and "Original" below it, the title, numbered paragraphs wrapped to the
// measure with their brackets and status marks, "Page 2 of 5" at the foot. A redline underlines what was
// added and strikes what was removed, in colour and in line, so it reads in black and white too.
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFPage, type RGB, rgb } from "pdf-lib";
import { htmlLang } from "../../../i18n/index.ts";
import { PdfText } from "../../shared/pdf-text.ts";
import type { ExportParagraph, OutcomeText, Piece } from "./outcome-text.ts";

const page = { width: 595.28, height: 841.89 };
const margin = { top: 56, bottom: 64, side: 64 };
const size = 10.5;
const leading = 15;
const gutter = 56;
const subIndent = 56;

type Style = "text" | "bracket" | "alternative" | "added" | "removed" | "struck" | "mark";
interface Token {
  text: string;
  style: Style;
  /** Whitespace and punctuation never start a line. */
  glue: boolean;
}

const ink: Record<Style, RGB> = {
  text: rgb(0, 0, 0),
  bracket: rgb(0, 0, 0),
  alternative: rgb(0.25, 0.25, 0.25),
  added: rgb(0, 0.27, 0.7),
  removed: rgb(0.7, 0, 0),
  struck: rgb(0.35, 0.35, 0.35),
  mark: rgb(0.35, 0.35, 0.35),
};

export async function outcomePdf(text: OutcomeText): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(`${text.symbol} — ${text.title}`, { showInWindowTitleBar: true });
  doc.setSubject(text.comparison?.heading ?? text.revisionName);
  doc.setLanguage(htmlLang(text.lang));
  doc.setCreator("Plenary");
  doc.setProducer("Plenary");
  const writer = new PdfText(doc);
  const rtl = text.dir === "rtl";
  const segmenter = new Intl.Segmenter(htmlLang(text.lang), { granularity: "word" });
  const widths = new Map<string, number>();
  const widthOf = async (value: string, at = size) => {
    const key = `${at}\u0000${value}`;
    let w = widths.get(key);
    if (w === undefined) widths.set(key, (w = await writer.width(value, at)));
    return w;
  };

  let current!: PDFPage;
  let y = 0;
  const newPage = async () => {
    current = doc.addPage([page.width, page.height]);
    y = page.height - margin.top;
    // The symbol heads every page, at the top right (top left in a right-to-left text).
    const w = await widthOf(text.symbol, 11);
    await writer.draw(current, text.symbol, { x: rtl ? margin.side : page.width - margin.side - w, y, size: 11 });
    y -= leading * 1.6;
  };
  /** A line of text at the outer edge (right, or left in right-to-left text). */
  const outer = async (value: string, at = 10) => {
    const w = await widthOf(value, at);
    await writer.draw(current, value, { x: rtl ? margin.side : page.width - margin.side - w, y, size: at });
    y -= leading;
  };
  /** A token on the current line: added words underlined, removed (and struck) ones crossed out. */
  const drawToken = async (token: Token, x: number, w: number, at: number) => {
    await writer.draw(current, token.text, { x, y, size: at, color: ink[token.style] });
    const line = (dy: number) => current.drawLine({ start: { x, y: y + dy }, end: { x: x + w, y: y + dy }, thickness: 0.7, color: ink[token.style] });
    if (token.style === "added") line(-1.6);
    if (token.style === "removed" || token.style === "struck") line(at * 0.3);
  };
  /** A text cut into words; a line may break before a word or an opening mark, never right after an opening mark. */
  const tokensOf = (value: string, style: Style): Token[] => {
    let opened = false;
    return [...segmenter.segment(value)].map((s) => {
      const opening = /^[([“«„]$/.test(s.segment);
      const token = { text: s.segment, style, glue: opened || (!s.isWordLike && !opening) };
      opened = opening;
      return token;
    });
  };

  /** Fills lines from `from` to `to` (x offsets within the page) with tokens, a new page when the foot is reached. */
  const flow = async (tokens: Token[], from: number, to: number, at: number, firstFrom = from) => {
    const lines: { tokens: Token[]; from: number }[] = [];
    let line: Token[] = [];
    let width = 0;
    let start = firstFrom;
    for (const token of tokens) {
      const w = await widthOf(token.text, at);
      if (line.length > 0 && !token.glue && start + width + w > to) {
        lines.push({ tokens: line, from: start });
        line = [];
        width = 0;
        start = from;
        if (/^\s+$/.test(token.text)) continue;
      }
      line.push(token);
      width += w;
    }
    if (line.length) lines.push({ tokens: line, from: start });
    for (const l of lines) {
      if (y < margin.bottom + leading) await newPage();
      // Trailing spaces take no room at the end of a line.
      while (l.tokens.length && /^\s+$/.test(l.tokens.at(-1)!.text)) l.tokens.pop();
      let x = rtl ? page.width - l.from : l.from;
      // Left to right, neighbouring words of one style are drawn as one text (a fifth of the operators);
      // right to left, word by word from the right edge.
      const runs: (Token & { width: number })[] = [];
      for (const token of l.tokens) {
        const last = runs.at(-1);
        const w = await widthOf(token.text, at);
        if (!rtl && last && last.style === token.style) {
          last.text += token.text;
          last.width += w;
        } else runs.push({ ...token, width: w });
      }
      for (const run of runs) {
        if (rtl) x -= run.width;
        await drawToken(run, x, run.width, at);
        if (!rtl) x += run.width;
      }
      y -= at === size ? leading : at * 1.4;
    }
  };

  await newPage();
  await outer(text.date);
  await outer(text.original);
  y -= leading;
  const titleTokens = tokensOf(text.title, "text");
  const titleWidth = (await Promise.all(titleTokens.map((t) => widthOf(t.text, 14)))).reduce((a, b) => a + b, 0);
  const measure = page.width - 2 * margin.side;
  const centre = (w: number) => margin.side + Math.max(0, (measure - w) / 2);
  await flow(titleTokens, margin.side, page.width - margin.side, 14, titleWidth < measure ? centre(titleWidth) : margin.side);
  const subtitle = [text.comparison?.heading ?? text.revisionName, text.adoption, text.alignment].filter(Boolean).join(" · ");
  await flow(tokensOf(subtitle, "mark"), margin.side, page.width - margin.side, 10, centre(await widthOf(subtitle, 10)));
  y -= leading;

  for (const p of text.paragraphs) {
    const left = margin.side + (p.kind === "sub" ? subIndent : 0);
    if (y < margin.bottom + 2 * leading) await newPage();
    // The number in the gutter; in a redline, the old one struck beside the new one when they differ.
    const numbers: Token[] =
      text.comparison && p.oldNumber !== p.number
        ? [
            ...(p.oldNumber ? [{ text: p.oldNumber, style: "removed" as const, glue: false }] : []),
            ...(p.oldNumber && p.number ? [{ text: " ", style: "text" as const, glue: true }] : []),
            ...(p.number ? [{ text: p.number, style: "added" as const, glue: false }] : []),
          ]
        : [{ text: p.number ?? p.oldNumber ?? "—", style: "text", glue: false }];
    // The number stands at the paragraph's own edge; the text runs from the gutter on (or after a long number).
    let x = left;
    for (const n of numbers) {
      const w = await widthOf(n.text);
      await drawToken(n, rtl ? page.width - x - w : x, w, size);
      x += w;
    }
    const textFrom = left + gutter;
    await flow(paragraphTokens(p, text, tokensOf), textFrom, page.width - margin.side, size, Math.max(textFrom, x + 6));
    y -= leading * 0.5;
  }

  const pages = doc.getPages();
  for (const [i, p] of pages.entries()) {
    const line = text.t("negotiation.export.page", { page: i + 1, pages: pages.length });
    const w = await widthOf(line, 9);
    await writer.draw(p, line, { x: (page.width - w) / 2, y: margin.bottom / 2, size: 9, color: ink.mark });
  }
  return doc.save({ useObjectStreams: true });
}

function paragraphTokens(p: ExportParagraph, text: OutcomeText, tokensOf: (value: string, style: Style) => Token[]): Token[] {
  const struck = !text.comparison && p.number === null;
  const tokens = p.pieces.flatMap((piece: Piece): Token[] => {
    if (piece.kind === "text") return tokensOf(piece.text, struck ? "struck" : "text");
    if (piece.kind !== "bracket") return tokensOf(piece.text, piece.kind);
    return [
      ...tokensOf(`[${piece.text}]`, "bracket"),
      ...piece.alternatives.flatMap((alt) => tokensOf(` (${alt.label}: “${alt.text}”${alt.heldByLine ? `, ${alt.heldByLine}` : ""})`, "alternative")),
    ];
  });
  return p.statusMark ? [...tokens, ...tokensOf(` (${p.statusMark})`, "mark")] : tokens;
}
