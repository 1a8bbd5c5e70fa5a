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
  const widthOfAll = async (tokens: readonly Token[], at: number) => {
    let w = 0;
    for (const t of tokens) w += await widthOf(t.text, at);
    return w;
  };
  /**
   * Draws one line's tokens from `left` on `target`, in visual order: right to left, runs of Latin,
   * Cyrillic or digits keep their own order and brackets are mirrored. Added words are underlined,
   * removed (and struck) ones crossed out. Left to right, neighbouring words of one style are one text.
   */
  const drawLine = async (target: PDFPage, tokens: readonly Token[], left: number, at: number) => {
    const runs: (Token & { width: number })[] = [];
    for (const token of rtl ? visualOrder(tokens) : tokens) {
      const last = runs.at(-1);
      const w = await widthOf(token.text, at);
      if (!rtl && last && last.style === token.style) {
        last.text += token.text;
        last.width += w;
      } else runs.push({ ...token, width: w });
    }
    let x = left;
    for (const run of runs) {
      await writer.draw(target, run.text, { x, y, size: at, color: ink[run.style] });
      const rule = (dy: number) => target.drawLine({ start: { x, y: y + dy }, end: { x: x + run.width, y: y + dy }, thickness: 0.7, color: ink[run.style] });
      if (run.style === "added") rule(-1.6);
      if (run.style === "removed" || run.style === "struck") rule(at * 0.3);
      x += run.width;
    }
  };
  const newPage = async () => {
    current = doc.addPage([page.width, page.height]);
    y = page.height - margin.top;
    // The symbol heads every page, at the top right (top left in a right-to-left text).
    await outer(text.symbol, 11);
    y -= leading * 0.6;
  };
  /** A line of text at the outer edge (right, or left in right-to-left text). */
  const outer = async (value: string, at = 10) => {
    const tokens = tokensOf(value, "text");
    await drawLine(current, tokens, rtl ? margin.side : page.width - margin.side - (await widthOfAll(tokens, at)), at);
    y -= leading;
  };

  /**
   * Fills lines between `from` and `to` (offsets from the page's leading edge: the left, or the right in
   * right-to-left text) with tokens, the first line from `firstFrom`; a new page when the foot is reached.
   * A word and what is glued to it (punctuation, the word after an opening bracket) stay on one line.
   */
  const flow = async (tokens: Token[], from: number, to: number, at: number, firstFrom = from) => {
    const units: Token[][] = [];
    for (const token of tokens) {
      if (token.glue && units.length) units.at(-1)!.push(token);
      else units.push([token]);
    }
    const lines: { tokens: Token[]; from: number }[] = [];
    let line: Token[] = [];
    let width = 0;
    let start = firstFrom;
    for (const unit of units) {
      const w = await widthOfAll(unit, at);
      // Spaces at the end of a unit may hang past the measure.
      const inked = await widthOfAll(unit.slice(0, unit.findLastIndex((t) => !/^\s+$/.test(t.text)) + 1), at);
      if (line.length > 0 && start + width + inked > to) {
        lines.push({ tokens: line, from: start });
        line = [];
        width = 0;
        start = from;
      }
      line.push(...unit);
      width += w;
    }
    if (line.length) lines.push({ tokens: line, from: start });
    for (const l of lines) {
      if (y < margin.bottom + leading) await newPage();
      while (l.tokens.length && /^\s+$/.test(l.tokens.at(-1)!.text)) l.tokens.pop();
      while (l.tokens.length && /^\s+$/.test(l.tokens[0].text)) l.tokens.shift();
      await drawLine(current, l.tokens, rtl ? page.width - l.from - (await widthOfAll(l.tokens, at)) : l.from, at);
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
    const numberWidth = await widthOfAll(numbers, size);
    await drawLine(current, numbers, rtl ? page.width - left - numberWidth : left, size);
    const x = left + numberWidth;
    const textFrom = left + gutter;
    await flow(paragraphTokens(p, text, tokensOf), textFrom, page.width - margin.side, size, Math.max(textFrom, x + 6));
    y -= leading * 0.5;
  }

  const pages = doc.getPages();
  for (const [i, p] of pages.entries()) {
    const line = tokensOf(text.t("negotiation.export.page", { page: i + 1, pages: pages.length }), "mark");
    y = margin.bottom / 2;
    await drawLine(p, line, (page.width - (await widthOfAll(line, 9))) / 2, 9);
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

const mirrored: Record<string, string> = { "(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "«": "»", "»": "«", "<": ">", ">": "<" };
const leftToRight = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Nd}]/u;

/**
 * A right-to-left line's tokens in the order they are drawn from the left (a small part of the Unicode
 * bidirectional algorithm): runs of left-to-right words (with the spaces and punctuation between them) keep
 * their order, everything else is reversed and its brackets mirrored.
 */
function visualOrder(tokens: readonly Token[]): Token[] {
  const strength = tokens.map((t) => (leftToRight.test(t.text) ? "L" : /\p{L}/u.test(t.text) ? "R" : "N"));
  const level = strength.map((s, i) => {
    if (s !== "N") return s;
    const before = strength.slice(0, i).findLast((x) => x !== "N");
    const after = strength.slice(i + 1).find((x) => x !== "N");
    return before === "L" && after === "L" ? "L" : "R";
  });
  const segments: { ltr: boolean; tokens: Token[] }[] = [];
  tokens.forEach((t, i) => {
    const ltr = level[i] === "L";
    const last = segments.at(-1);
    if (last && last.ltr === ltr) last.tokens.push(t);
    else segments.push({ ltr, tokens: [t] });
  });
  return segments.reverse().flatMap((seg) => (seg.ltr ? seg.tokens : [...seg.tokens].reverse().map((t) => ({ ...t, text: mirrored[t.text] ?? t.text }))));
}
