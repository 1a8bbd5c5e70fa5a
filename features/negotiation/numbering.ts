// Displayed numbers ("PP3", "OP5", "OP5 bis", "OP5 (a)") are computed for each revision from the kinds,
// the order and the split links of its paragraph versions; they are never anyone's identity.
import type { ParagraphKind, ParagraphStatus } from "./vocabulary.ts";

export interface NumberedInput {
  paragraphId: number;
  position: number;
  kind: ParagraphKind;
  status: ParagraphStatus;
  splitFromId: number | null;
  mergedIntoId: number | null;
}

/** Latin ordinals of inserted paragraphs, as the United Nations number them. */
const suffixes = ["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"];

/** Whether a paragraph version takes a number: deleted and merged-away paragraphs keep their id but not a place. */
export const isNumbered = (p: Pick<NumberedInput, "status" | "mergedIntoId">) => p.status !== "deleted" && p.mergedIntoId === null;

/**
 * The number of every paragraph of one revision, by paragraph id (null for deleted or merged ones).
 * A paragraph split from another that stands in the same revision, right after it (or after its other
 * parts), is "OP5 bis", "OP5 ter" and takes no number of its own; subparagraphs are lettered under the
 * paragraph before them.
 */
export function numberParagraphs(paragraphs: readonly NumberedInput[]): Map<number, string | null> {
  const ordered = [...paragraphs].sort((a, b) => a.position - b.position);
  const numbers = new Map<number, string | null>();
  const counters = { PP: 0, OP: 0 };
  /** The last paragraph that took a number of its own, and how many split parts followed it. */
  let origin: { paragraphId: number; kind: ParagraphKind; label: string; splits: number } | null = null;
  /** The last PP or OP numbered (an original or a split part), and how many subparagraphs followed it. */
  let parent: { label: string; subs: number } | null = null;
  for (const p of ordered) {
    if (!isNumbered(p)) {
      numbers.set(p.paragraphId, null);
      continue;
    }
    if (p.kind === "sub") {
      const sub = `(${letter(parent ? parent.subs++ : 0)})`;
      numbers.set(p.paragraphId, parent ? `${parent.label} ${sub}` : sub);
      continue;
    }
    let label: string;
    if (origin && p.splitFromId === origin.paragraphId && p.kind === origin.kind) {
      label = `${origin.label} ${suffixes[origin.splits] ?? String(origin.splits + 2)}`;
      origin.splits++;
    } else {
      counters[p.kind]++;
      label = `${p.kind}${counters[p.kind]}`;
      origin = { paragraphId: p.paragraphId, kind: p.kind, label, splits: 0 };
    }
    numbers.set(p.paragraphId, label);
    parent = { label, subs: 0 };
  }
  return numbers;
}

function letter(i: number): string {
  return i < 26 ? String.fromCharCode(97 + i) : `${letter(Math.floor(i / 26) - 1)}${letter(i % 26)}`;
}
