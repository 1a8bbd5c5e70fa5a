/** The fixed sets of values the documents library stores (read by its schema, its checks and its pages). */

/** What an official document of the event is, in the order the public list groups them. */
export const documentKinds = ["concept_note", "programme", "information_note", "statement", "outcome_document", "other"] as const;
export type DocumentKind = (typeof documentKinds)[number];

/**
 * A symbol's series after the event's prefix: general (`TC/2022/1`), limited distribution (`TC/2022/L.1`),
 * information (`TC/2022/INF.1`).
 */
export const documentSeries = ["general", "limited", "information"] as const;
export type DocumentSeries = (typeof documentSeries)[number];

/** What a document is to the one whose symbol it extends: a revision (`/Rev.1`), a corrigendum (`/Corr.1`), an addendum (`/Add.1`). */
export const symbolSuffixes = ["Rev", "Corr", "Add"] as const;
export type SymbolSuffix = (typeof symbolSuffixes)[number];

/** Staff prepare a draft, issue it (readers then see it as its access allows), and may withdraw it. */
export const libraryStates = ["draft", "issued", "withdrawn"] as const;
export type LibraryState = (typeof libraryStates)[number];

/**
 * Who may read an issued document: anyone; accredited participants (approved, through their personal link);
 * approved participants of the chosen categories; approved members of the chosen delegations.
 */
export const accessLevels = ["public", "accredited", "categories", "delegations"] as const;
export type AccessLevel = (typeof accessLevels)[number];
