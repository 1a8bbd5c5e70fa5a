// The checks the library's commands share: a document's texts and original language, its access lists
// (categories and delegations of this event only), and the symbol a new document gets.
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { checkLocalized } from "../events/check-languages.ts";
import type { EventRow } from "../events/queries.ts";
import { categories, delegations } from "../registration/schema.ts";
import { AppError, Invalid } from "../shared/errors.ts";
import type { Localized } from "../shared/localized.ts";
import { type LibraryDocumentRow, libraryDocumentBySymbol, takenNumbers } from "./queries.ts";
import { symbolTaken } from "./symbol-registry.ts";
import { nextNumber, normalisePrefix, parseSymbol, seriesSymbol, suffixSymbol } from "./symbols.ts";
import type { AccessLevel, DocumentKind, DocumentSeries, SymbolSuffix } from "./vocabulary.ts";

export interface MetadataInput {
  kind: DocumentKind;
  title: Localized;
  summary: Localized;
  originalLanguage: string;
  issuedOn: string | null;
}

/** Texts in the event's languages only; the original language is one of them, and has a title. */
export function checkMetadata(event: EventRow, data: MetadataInput) {
  if (!event.languages.includes(data.originalLanguage)) throw Invalid("validation", { originalLanguage: "language.unknown" });
  const { title, summary } = checkLocalized(event.languages, { title: data.title, summary: data.summary });
  if (!title[data.originalLanguage]) throw Invalid("validation", { [`title.${data.originalLanguage}`]: "required" });
  return { kind: data.kind, title, summary, originalLanguage: data.originalLanguage, issuedOn: data.issuedOn };
}

export interface AccessInput {
  access: AccessLevel;
  categoryIds: number[];
  delegationIds: number[];
}

/** The lists a level needs (chosen categories, chosen delegations), of this event; the other list is emptied. */
export async function checkAccess(db: DbOrTx, event: EventRow, data: AccessInput) {
  const categoryIds = data.access === "categories" ? [...new Set(data.categoryIds)].sort((a, b) => a - b) : [];
  const delegationIds = data.access === "delegations" ? [...new Set(data.delegationIds)].sort((a, b) => a - b) : [];
  if (data.access === "categories" && categoryIds.length === 0) throw Invalid("validation", { categoryIds: "library.categories_required" });
  if (data.access === "delegations" && delegationIds.length === 0) throw Invalid("validation", { delegationIds: "library.delegations_required" });
  if (categoryIds.length > 0) {
    const found = await db
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.eventId, event.id), inArray(categories.id, categoryIds)));
    if (found.length !== categoryIds.length) throw Invalid("validation", { categoryIds: "library.category_unknown" });
  }
  if (delegationIds.length > 0) {
    const found = await db
      .select({ id: delegations.id })
      .from(delegations)
      .where(and(eq(delegations.eventId, event.id), inArray(delegations.id, delegationIds)));
    if (found.length !== delegationIds.length) throw Invalid("validation", { delegationIds: "library.delegation_unknown" });
  }
  return { access: data.access, accessCategoryIds: categoryIds, accessDelegationIds: delegationIds };
}

export interface AllocatedSymbol {
  symbol: string;
  prefix: string;
  series: DocumentSeries;
  number: number;
  parentId: number | null;
  suffix: SymbolSuffix | null;
  suffixNumber: number | null;
}

const badSymbol = () => Invalid("validation", { symbol: "library.symbol_format" });

/**
 * The symbol a new document gets: the one typed (checked against the event's prefix, and for a revision,
 * corrigendum or addendum against the document it extends), or the next number of the series. Call with the
 * event's symbols locked (symbol-registry.ts `lockSymbols`), so the number is still free when it is used.
 */
export async function allocateSymbol(tx: DbOrTx, event: EventRow, typed: string, series: DocumentSeries): Promise<AllocatedSymbol> {
  const prefix = event.documentPrefix ? normalisePrefix(event.documentPrefix) : null;
  let allocated: AllocatedSymbol;
  if (typed === "") {
    if (!prefix) throw Invalid("validation", { symbol: "library.prefix_required" });
    const taken = (await takenNumbers(tx, event.id)).filter((t) => t.parentId === null && t.prefix === prefix && t.series === series).map((t) => t.number);
    const number = nextNumber(taken);
    allocated = { symbol: seriesSymbol(prefix, series, number), prefix, series, number, parentId: null, suffix: null, suffixNumber: null };
  } else {
    const parsed = parseSymbol(typed, prefix);
    if (!parsed) throw prefix ? badSymbol() : Invalid("validation", { symbol: "library.prefix_required" });
    if (parsed.kind === "series") {
      allocated = { symbol: seriesSymbol(parsed.prefix, parsed.series, parsed.number), ...parsed, parentId: null, suffix: null, suffixNumber: null };
    } else {
      const parent = await libraryDocumentBySymbol(tx, event.id, parsed.parent);
      if (!parent) throw Invalid("validation", { symbol: "library.parent_not_found" }, { parent: parsed.parent });
      allocated = childSymbol(parent, parsed.suffix, parsed.number);
    }
  }
  if (await symbolTaken(tx, event.id, allocated.symbol)) throw new AppError(409, "library.symbol_taken", { values: { symbol: allocated.symbol } });
  return allocated;
}

function childSymbol(parent: LibraryDocumentRow, suffix: SymbolSuffix, number: number): AllocatedSymbol {
  return {
    symbol: suffixSymbol(parent.symbol, suffix, number),
    prefix: parent.prefix,
    series: parent.series,
    number: parent.number,
    parentId: parent.id,
    suffix,
    suffixNumber: number,
  };
}

/** The next symbols staff are offered: one per series under the prefix, as the create form shows them. */
export async function proposedSymbols(db: DbOrTx, event: EventRow): Promise<Record<DocumentSeries, string> | null> {
  const prefix = event.documentPrefix ? normalisePrefix(event.documentPrefix) : null;
  if (!prefix) return null;
  const taken = (await takenNumbers(db, event.id)).filter((t) => t.parentId === null && t.prefix === prefix);
  const next = (series: DocumentSeries) => seriesSymbol(prefix, series, nextNumber(taken.filter((t) => t.series === series).map((t) => t.number)));
  return { general: next("general"), limited: next("limited"), information: next("information") };
}

/** The next revision, corrigendum and addendum of a document: `TC/2022/1/Rev.2`… */
export async function proposedChildSymbols(db: DbOrTx, parent: LibraryDocumentRow): Promise<Record<SymbolSuffix, string>> {
  const children = (await takenNumbers(db, parent.eventId)).filter((t) => t.parentId === parent.id);
  const next = (suffix: SymbolSuffix) =>
    suffixSymbol(parent.symbol, suffix, nextNumber(children.filter((c) => c.suffix === suffix).map((c) => c.suffixNumber ?? 0)));
  return { Rev: next("Rev"), Corr: next("Corr"), Add: next("Add") };
}
