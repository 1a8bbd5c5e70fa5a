// What every export of a revision says, in one export language: the header (symbol, date in the event's
// time zone, "Original: ENGLISH", title), and each paragraph as it stands in the revision's snapshot, with
// its displayed number, status and brackets, or (for a redline) its word changes against an earlier
// revision. DOCX, PDF and Akoma Ntoso are drawn from this alone, as the pages are from the same snapshot.
import { dayKey, eventFormatter } from "../../../i18n/format.ts";
import { createTranslator, type Translate, textDirection } from "../../../i18n/index.ts";
import type { EventRow } from "../../events/queries.ts";
import { resolveText } from "../../shared/localized.ts";
import type { Change } from "../anchors.ts";
import type { DocumentRow, RevisionRow } from "../documents.ts";
import type { ConcordanceChange, Redline, SnapshotParagraph } from "../redline.ts";
import type { Bracket, ParagraphKind, ParagraphStatus } from "../vocabulary.ts";

export interface Alternative {
  /** "alt. 1" */
  label: string;
  text: string;
  heldBy: { delegationId: number; name: string }[];
  /** "Held by Uzbekistan, Kazakhstan", empty when nobody holds it. */
  heldByLine: string;
}

/** A stretch of a paragraph's text: plain, in square brackets (with its alternatives), or a redline change. */
export type Piece =
  | { kind: "text"; text: string }
  | { kind: "bracket"; bracketId: string; text: string; alternatives: Alternative[] }
  | { kind: "added"; text: string }
  | { kind: "removed"; text: string };

export interface ExportParagraph {
  paragraphId: number;
  kind: ParagraphKind;
  /** Its number in the revision exported; null when deleted or merged away (then shown struck). */
  number: string | null;
  /** Redline: its number in the earlier revision. */
  oldNumber: string | null;
  status: ParagraphStatus;
  /** "Agreed ad referendum"; empty in an adopted text, where every paragraph stands agreed. */
  statusMark: string;
  /** The language its text is in: the export's, else (no translation yet) the negotiating language. */
  lang: string;
  pieces: Piece[];
  /** Redline: what happened to it between the two revisions. */
  change: ConcordanceChange | null;
}

export interface OutcomeText {
  symbol: string;
  title: string;
  lang: string;
  dir: "ltr" | "rtl";
  /** The negotiating language, the one amendments are anchored in. */
  originalLanguage: string;
  /** "Original: ENGLISH", in the export language. */
  original: string;
  revisionNumber: number;
  /** "Rev.2", "Zero draft". */
  revisionName: string;
  /** The day it was issued (a draft: opened), in the event's time zone: "14 May 2030" and 2030-05-14. */
  date: string;
  dateIso: string;
  /** That instant, ISO 8601 in UTC (the time of a redline's tracked changes). */
  instant: string;
  /** "Adopted on …, by consensus", when adopted. */
  adoption: string | null;
  /** Redline: "Redline: Rev.1 → Rev.2". */
  comparison: { from: number; heading: string } | null;
  /** "Aligned with Rev.1" when the export language's text follows an earlier revision. */
  alignment: string | null;
  paragraphs: ExportParagraph[];
  t: Translate;
}

export interface OutcomeInput {
  event: EventRow;
  document: DocumentRow;
  revision: RevisionRow;
  paragraphs: readonly SnapshotParagraph[];
  /** Names of the event's delegations, by id. */
  delegations: ReadonlyMap<number, Record<string, string>>;
  lang: string;
  /** Redline against an earlier revision: its number and the comparison (from `compareRevisions`). */
  compare?: { from: number; before: readonly SnapshotParagraph[]; redline: Redline };
}

export function outcomeText(input: OutcomeInput): OutcomeText {
  const { event, document, revision, lang } = input;
  const t = createTranslator(lang);
  const fmt = eventFormatter(lang, event.timezone);
  const day = revision.issuedAt ?? revision.createdAt;
  const fallbacks = [document.negotiatingLanguage, ...event.languages];
  const nameOf = (id: number) => resolveText(input.delegations.get(id) ?? {}, lang, event.languages).text || `#${id}`;
  const languageIn = new Intl.DisplayNames([lang], { type: "language", fallback: "code" });
  const name = (n: number) => t("negotiation.revisionName", { number: n });
  const adopted = revision.state === "adopted";
  const statusMark = (status: ParagraphStatus) => (adopted ? "" : t(`negotiation.paragraphStatus.${status}`));
  const aligned = revision.aligned[lang];

  const paragraphs: ExportParagraph[] = input.compare
    ? redlineParagraphs(input.paragraphs, input.compare, lang, fallbacks, statusMark)
    : input.paragraphs.map((p) => {
        const text = resolveText(p.text, lang, fallbacks);
        return {
          paragraphId: p.paragraphId,
          kind: p.kind,
          number: p.number,
          oldNumber: null,
          status: p.status,
          statusMark: statusMark(p.status),
          lang: text.lang,
          // Brackets are spans of the negotiating-language text: other languages show their words plainly.
          pieces: text.lang === document.negotiatingLanguage ? bracketed(text.text, p.brackets, t, nameOf) : plain(text.text),
          change: null,
        };
      });

  return {
    symbol: document.symbol,
    title: resolveText(document.title, lang, fallbacks).text,
    lang,
    dir: textDirection(lang),
    originalLanguage: document.negotiatingLanguage,
    original: t("negotiation.page.original", {
      language: (languageIn.of(document.negotiatingLanguage) ?? document.negotiatingLanguage).toLocaleUpperCase(lang),
    }),
    revisionNumber: revision.number,
    revisionName: name(revision.number),
    date: fmt.date(day),
    dateIso: dayKey(day, event.timezone),
    instant: day.toISOString(),
    adoption:
      adopted && revision.adoptedAt
        ? [
            t("negotiation.page.adoptedOn", { date: fmt.date(revision.adoptedAt) }),
            revision.adoptedHow ? t(`negotiation.adoptionMethod.${revision.adoptedHow}`) : null,
            revision.adoptedBy ? resolveText(revision.adoptedBy, lang, event.languages).text : null,
          ]
            .filter(Boolean)
            .join(" · ")
        : null,
    comparison: input.compare
      ? { from: input.compare.from, heading: t("negotiation.page.redlineOf", { from: name(input.compare.from), to: name(revision.number) }) }
      : null,
    alignment: aligned !== undefined && aligned !== revision.number ? t("negotiation.alignedWith", { number: aligned }) : null,
    paragraphs,
    t,
  };
}

const plain = (text: string): Piece[] => (text ? [{ kind: "text", text }] : []);

/** A text cut at its brackets (overlapping ones after the first left out, as the pages do). */
function bracketed(text: string, brackets: readonly Bracket[], t: Translate, nameOf: (id: number) => string): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  for (const b of [...brackets].sort((x, y) => x.start - y.start)) {
    if (b.start < at || b.end > text.length) continue;
    if (b.start > at) pieces.push({ kind: "text", text: text.slice(at, b.start) });
    pieces.push({
      kind: "bracket",
      bracketId: b.id,
      text: text.slice(b.start, b.end),
      alternatives: b.alternatives.map((alt, i) => {
        const heldBy = alt.heldBy.map((id) => ({ delegationId: id, name: nameOf(id) }));
        return {
          label: t("negotiation.alternative", { number: i + 1 }),
          text: alt.text,
          heldBy,
          heldByLine: heldBy.length ? t("negotiation.heldBy", { delegations: heldBy.map((h) => h.name).join(", ") }) : "",
        };
      }),
    });
    at = b.end;
  }
  if (at < text.length) pieces.push({ kind: "text", text: text.slice(at) });
  return pieces;
}

/** The paragraphs of a redline in its order (gone ones where they stood), each with its word changes in `lang`. */
function redlineParagraphs(
  after: readonly SnapshotParagraph[],
  compare: NonNullable<OutcomeInput["compare"]>,
  lang: string,
  fallbacks: readonly string[],
  statusMark: (s: ParagraphStatus) => string,
): ExportParagraph[] {
  const byId = new Map(after.map((p) => [p.paragraphId, p]));
  const beforeById = new Map(compare.before.map((p) => [p.paragraphId, p]));
  const changesById = new Map(compare.redline.paragraphs.map((p) => [p.paragraphId, p.languages]));
  return compare.redline.concordance.map((row) => {
    const p = byId.get(row.paragraphId) ?? beforeById.get(row.paragraphId)!;
    const languages = changesById.get(row.paragraphId) ?? {};
    // The export language's changes, else those of the language the paragraph falls back to.
    const shown = languages[lang]?.length ? lang : (fallbacks.find((l) => languages[l]?.length) ?? lang);
    const changes: Change[] = languages[shown] ?? [];
    return {
      paragraphId: row.paragraphId,
      kind: p.kind,
      number: row.newNumber,
      oldNumber: row.oldNumber,
      status: row.newStatus ?? row.oldStatus ?? p.status,
      statusMark: statusMark(row.newStatus ?? row.oldStatus ?? p.status),
      lang: shown,
      pieces: changes.map(
        (c): Piece =>
          c.kind === "same" ? { kind: "text", text: c.text } : c.kind === "added" ? { kind: "added", text: c.text } : { kind: "removed", text: c.text },
      ),
      change: row.change,
    };
  });
}

/** The text of a paragraph as read in the revision exported (what a reader must find in every format). */
export const readingOf = (p: ExportParagraph) =>
  p.pieces
    .filter((x) => x.kind !== "removed")
    .map((x) => x.text)
    .join("");
