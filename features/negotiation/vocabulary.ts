/** The fixed sets of values the negotiation room stores (read by its schema, its checks and its pages). */

/** Where an outcome document stands as a whole. */
export const documentStates = ["negotiating", "under_silence", "adopted"] as const;
export type DocumentState = (typeof documentStates)[number];

/** A revision is edited as a draft, frozen when issued, may go under silence, and is adopted at most once. */
export const revisionStates = ["draft", "issued", "under_silence", "adopted"] as const;
export type RevisionState = (typeof revisionStates)[number];

/** Preambular, operative, or a lettered subparagraph of the paragraph before it. */
export const paragraphKinds = ["PP", "OP", "sub"] as const;
export type ParagraphKind = (typeof paragraphKinds)[number];

export const paragraphStatuses = ["bracketed", "agreed_ad_ref", "agreed", "deleted"] as const;
export type ParagraphStatus = (typeof paragraphStatuses)[number];

export const amendmentKinds = ["insert", "delete", "replace", "new_paragraph", "move"] as const;
export type AmendmentKind = (typeof amendmentKinds)[number];

/** What the facilitator decided; `withdrawn` is the proponent's own choice. */
export const amendmentStates = ["submitted", "under_consideration", "incorporated", "not_incorporated", "withdrawn"] as const;
export type AmendmentState = (typeof amendmentStates)[number];
/** States in which an amendment still waits for a decision (and follows new revisions). */
export const openAmendmentStates: readonly AmendmentState[] = ["submitted", "under_consideration"];

/**
 * Where the amendment's anchor stands after the last rebase onto a newer revision: `current` (its words are
 * still there), `to_be_reviewed` (the words under it changed: both texts are shown), `overtaken` (they are gone).
 */
export const anchorStates = ["current", "to_be_reviewed", "overtaken"] as const;
export type AnchorState = (typeof anchorStates)[number];

export const adoptionMethods = ["consensus", "vote"] as const;
export type AdoptionMethod = (typeof adoptionMethods)[number];

export const silenceBreakKinds = ["objection", "amendment"] as const;
export type SilenceBreakKind = (typeof silenceBreakKinds)[number];

export const statementKinds = ["explanation_of_position", "interpretative_statement", "reservation"] as const;
export type StatementKind = (typeof statementKinds)[number];

/** One alternative wording inside a bracket, and the delegations that hold it. */
export interface BracketAlternative {
  text: string;
  heldBy: number[];
}
/** A disputed span of the negotiating-language text, with its alternatives ("alt. 1", "alt. 2"). */
export interface Bracket {
  id: string;
  start: number;
  end: number;
  alternatives: BracketAlternative[];
}

/** One paragraph's corrected wording in a corrigendum's language. */
export interface CorrigendumChange {
  paragraphId: number;
  text: string;
}
