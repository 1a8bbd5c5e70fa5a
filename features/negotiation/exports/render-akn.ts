// A revision as Akoma Ntoso 3.0 (OASIS LegalDocML): one FRBR work per outcome document, one FRBR
// expression per language and revision, each written as a file of its own that names the same work
// (docs/decisions/0017). Paragraphs take `eId` and `wId` from their stable id ("para_42"), so a paragraph
// keeps its identifiers when it is renumbered (PP3 → PP4); the number shown is in `<num>`. Preambular
// paragraphs are recitals of the preamble, operative ones paragraphs of the main body, a lettered
// subparagraph nests in the operative paragraph before it. Brackets stay in the text with their
// alternatives, each naming the delegations that hold it.
import type { ExportParagraph, OutcomeText, Piece } from "./outcome-text.ts";

const namespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/** ISO 639-2 codes, which FRBR URIs of Akoma Ntoso use for languages. */
const iso639_2: Record<string, string> = {
  en: "eng",
  ru: "rus",
  ar: "ara",
  zh: "zho",
  fr: "fra",
  es: "spa",
  uz: "uzb",
  "uz-Cyrl": "uzb",
  kk: "kaz",
  ky: "kir",
  tg: "tgk",
  tk: "tuk",
};
export const expressionLanguage = (lang: string) => iso639_2[lang] ?? lang.toLowerCase();

const xmlText = (value: string) =>
  value
    .replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!)
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "");
/** A symbol as one URI segment: "TC/2030/L.1" → "tc-2030-l.1". */
const symbolSegment = (symbol: string) => encodeURIComponent(symbol.toLowerCase().replaceAll("/", "-"));

export const paragraphEid = (paragraphId: number) => `para_${paragraphId}`;

export interface AknContext {
  eventSlug: string;
  publicUrl: string;
}

export function outcomeAkn(text: OutcomeText, ctx: AknContext): string {
  const work = `/akn/un/statement/declaration/${ctx.eventSlug}/${symbolSegment(text.symbol)}`;
  const version = text.revisionNumber === 0 ? "zero-draft" : `rev-${text.revisionNumber}`;
  const expression = `${work}/${expressionLanguage(text.lang)}@${version}`;
  const manifestation = `${expression}.akn`;
  const delegations = new Map<number, string>();
  for (const p of text.paragraphs) {
    for (const piece of p.pieces)
      if (piece.kind === "bracket") for (const alt of piece.alternatives) for (const h of alt.heldBy) delegations.set(h.delegationId, h.name);
  }
  const statuses = [...new Set(text.paragraphs.map((p) => p.status))];

  const recitals = text.paragraphs.filter((p) => p.kind === "PP" || (p.kind === "sub" && kindBefore(text.paragraphs, p) === "PP"));
  const operative = text.paragraphs.filter((p) => !recitals.includes(p));

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<akomaNtoso xmlns="${namespace}">`,
    `<statement name="outcomeDocument">`,
    "<meta>",
    '<identification source="#plenary">',
    "<FRBRWork>",
    `<FRBRthis value="${xmlText(`${work}/!main`)}"/>`,
    `<FRBRuri value="${xmlText(work)}"/>`,
    `<FRBRdate date="${text.dateIso}" name="${text.revisionNumber === 0 ? "zeroDraft" : "revision"}"/>`,
    '<FRBRauthor href="#conference"/>',
    '<FRBRcountry value="un"/>',
    `<FRBRnumber value="${xmlText(text.symbol)}"/>`,
    `<FRBRname value="${xmlText(text.title)}"/>`,
    "</FRBRWork>",
    "<FRBRExpression>",
    `<FRBRthis value="${xmlText(`${expression}/!main`)}"/>`,
    `<FRBRuri value="${xmlText(expression)}"/>`,
    `<FRBRdate date="${text.dateIso}" name="${text.comparison ? "redline" : "expression"}"/>`,
    '<FRBRauthor href="#conference"/>',
    `<FRBRversionNumber value="${version}"/>`,
    `<FRBRauthoritative value="${text.lang === text.originalLanguage}"/>`,
    `<FRBRlanguage language="${expressionLanguage(text.lang)}"/>`,
    ...(text.lang === text.originalLanguage
      ? []
      : [
          `<FRBRtranslation fromLanguage="${expressionLanguage(text.originalLanguage)}" by="#conference" href="${xmlText(`${work}/${expressionLanguage(text.originalLanguage)}@${version}`)}"/>`,
        ]),
    "</FRBRExpression>",
    "<FRBRManifestation>",
    `<FRBRthis value="${xmlText(`${manifestation}/!main`)}"/>`,
    `<FRBRuri value="${xmlText(manifestation)}"/>`,
    `<FRBRdate date="${text.dateIso}" name="generation"/>`,
    '<FRBRauthor href="#plenary"/>',
    '<FRBRformat value="application/akn+xml"/>',
    "</FRBRManifestation>",
    "</identification>",
    '<references source="#plenary">',
    `<TLCOrganization eId="plenary" href="${xmlText(`${ctx.publicUrl}/`)}" showAs="Plenary"/>`,
    `<TLCOrganization eId="conference" href="${xmlText(`/ontology/organization/${ctx.eventSlug}`)}" showAs="${xmlText(ctx.eventSlug)}"/>`,
    ...[...delegations].map(
      ([id, name]) => `<TLCOrganization eId="delegation_${id}" href="/ontology/organization/delegation/${id}" showAs="${xmlText(name)}"/>`,
    ),
    ...statuses.map(
      (s) => `<TLCConcept eId="status_${s}" href="/ontology/concept/paragraphStatus/${s}" showAs="${xmlText(text.t(`negotiation.paragraphStatus.${s}`))}"/>`,
    ),
    "</references>",
    "</meta>",
    "<preface>",
    `<p class="symbol"><docNumber>${xmlText(text.symbol)}</docNumber></p>`,
    `<p class="date"><docDate date="${text.dateIso}">${xmlText(text.date)}</docDate></p>`,
    `<p class="original">${xmlText(text.original)}</p>`,
    `<p class="title"><docTitle>${xmlText(text.title)}</docTitle></p>`,
    `<p class="revision">${xmlText([text.revisionName, text.adoption, text.alignment].filter(Boolean).join(" · "))}</p>`,
    "</preface>",
    ...(recitals.length ? ["<preamble>", '<recitals eId="recitals">', ...recitals.map((p) => recital(p, text)), "</recitals>", "</preamble>"] : []),
    "<mainBody>",
    ...(operative.length ? paragraphs(operative, text) : ['<p class="empty"/>']),
    "</mainBody>",
    "</statement>",
    "</akomaNtoso>",
  ];
  return `${lines.join("\n")}\n`;
}

/** The kind of the nearest PP or OP before a subparagraph (a subparagraph belongs to it). */
function kindBefore(all: readonly ExportParagraph[], sub: ExportParagraph): "PP" | "OP" | null {
  for (let i = all.indexOf(sub) - 1; i >= 0; i--) if (all[i].kind !== "sub") return all[i].kind as "PP" | "OP";
  return null;
}

function attributes(p: ExportParagraph, text: OutcomeText): string {
  const id = paragraphEid(p.paragraphId);
  const removed = p.number === null ? ' status="removed"' : "";
  return `eId="${id}" wId="${id}" refersTo="#status_${p.status}"${removed}${p.lang !== text.lang ? ` xml:lang="${xmlText(p.lang)}"` : ""}`;
}

const num = (p: ExportParagraph) => (p.number ? `<num>${xmlText(p.number)}</num>` : "");

function recital(p: ExportParagraph, text: OutcomeText): string {
  return `<recital ${attributes(p, text)}>${num(p)}<p>${inline(p, text)}</p></recital>`;
}

/** Operative paragraphs, each followed subparagraphs nested in it. */
function paragraphs(list: readonly ExportParagraph[], text: OutcomeText): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    const subs: ExportParagraph[] = [];
    while (list[i + 1]?.kind === "sub" && p.kind !== "sub") subs.push(list[++i]);
    const body = `<p>${inline(p, text)}</p>`;
    if (subs.length === 0) out.push(`<paragraph ${attributes(p, text)}>${num(p)}<content>${body}</content></paragraph>`);
    else {
      out.push(`<paragraph ${attributes(p, text)}>${num(p)}<intro>${body}</intro>`);
      for (const s of subs) out.push(`<subparagraph ${attributes(s, text)}>${num(s)}<content><p>${inline(s, text)}</p></content></subparagraph>`);
      out.push("</paragraph>");
    }
  }
  return out;
}

/** A paragraph's text with its brackets: `[<inline name="bracket">…</inline>]` and its alternatives after it. */
function inline(p: ExportParagraph, text: OutcomeText): string {
  // "Held by {delegations}" in the export language, the delegations marked up where the list goes.
  const [before, after] = text.t("negotiation.heldBy", { delegations: "\u0001" }).split("\u0001");
  return p.pieces
    .map((piece: Piece) => {
      if (piece.kind === "text") return xmlText(piece.text);
      if (piece.kind === "added") return `<ins>${xmlText(piece.text)}</ins>`;
      if (piece.kind === "removed") return `<del>${xmlText(piece.text)}</del>`;
      const id = `${paragraphEid(p.paragraphId)}__bracket_${piece.bracketId}`;
      const alternatives = piece.alternatives.map((alt, i) => {
        const holders = alt.heldBy.map((h) => `#delegation_${h.delegationId}`).join(" ");
        const held = alt.heldBy.map((h) => `<organization refersTo="#delegation_${h.delegationId}">${xmlText(h.name)}</organization>`).join(", ");
        const heldBy = held ? `, ${xmlText(before ?? "")}${held}${xmlText(after ?? "")}` : "";
        return ` <inline name="alternative" eId="${id}__alt_${i + 1}"${holders ? ` refersTo="${holders}"` : ""}>(${xmlText(alt.label)}: “${xmlText(alt.text)}”${heldBy})</inline>`;
      });
      return `[<inline name="bracket" eId="${id}">${xmlText(piece.text)}</inline>]${alternatives.join("")}`;
    })
    .join("");
}
