// The redline between two revisions, by paragraph id and never by position: a concordance of numbers
// (moved, split, merged, new, deleted) and a word diff of each paragraph in each language. Pure.
import { type Change, wordChanges } from "./anchors.ts";
import type { Bracket, ParagraphKind, ParagraphStatus } from "./schema.ts";

/** One paragraph as a revision's snapshot holds it, with the number computed for that revision. */
export interface SnapshotParagraph {
  paragraphId: number;
  position: number;
  kind: ParagraphKind;
  number: string | null;
  text: Record<string, string>;
  status: ParagraphStatus;
  brackets: Bracket[];
  splitFromId: number | null;
  mergedIntoId: number | null;
}

export type ConcordanceChange = "unchanged" | "moved" | "split" | "merged" | "new" | "deleted";

export interface ConcordanceRow {
  paragraphId: number;
  oldNumber: string | null;
  newNumber: string | null;
  change: ConcordanceChange;
  /** split: the paragraph it came from; merged: the one it went into. */
  relatedParagraphId: number | null;
  textChanged: boolean;
  oldStatus: ParagraphStatus | null;
  newStatus: ParagraphStatus | null;
}

export interface ParagraphRedline {
  paragraphId: number;
  /** Word changes, by language. */
  languages: Record<string, Change[]>;
}

export interface Redline {
  concordance: ConcordanceRow[];
  paragraphs: ParagraphRedline[];
}

const present = (p: SnapshotParagraph | undefined) => p !== undefined && p.status !== "deleted" && p.mergedIntoId === null;

/** Compares two snapshots; rows follow the new revision's order, with paragraphs gone from it where they stood. */
export function compareRevisions(before: readonly SnapshotParagraph[], after: readonly SnapshotParagraph[]): Redline {
  const oldById = new Map(before.map((p) => [p.paragraphId, p]));
  const newById = new Map(after.map((p) => [p.paragraphId, p]));
  const moved = movedParagraphs(before, after);
  const order = mergeOrder(before, after);
  const concordance: ConcordanceRow[] = [];
  const paragraphs: ParagraphRedline[] = [];
  for (const id of order) {
    const o = oldById.get(id);
    const n = newById.get(id);
    const wasThere = present(o);
    const isThere = present(n);
    let change: ConcordanceChange;
    let related: number | null = null;
    if (wasThere && !isThere) {
      if (n?.mergedIntoId) {
        change = "merged";
        related = n.mergedIntoId;
      } else change = "deleted";
    } else if (!wasThere && isThere) {
      if (n!.splitFromId !== null && n!.splitFromId !== o?.splitFromId) {
        change = "split";
        related = n!.splitFromId;
      } else change = "new";
    } else if (!wasThere && !isThere) continue;
    else change = moved.has(id) ? "moved" : "unchanged";
    const languages = [...new Set([...Object.keys(o?.text ?? {}), ...Object.keys(n?.text ?? {})])].sort();
    const diffs: Record<string, Change[]> = {};
    let textChanged = false;
    for (const lang of languages) {
      const a = wasThere ? (o!.text[lang] ?? "") : "";
      const b = isThere ? (n!.text[lang] ?? "") : "";
      diffs[lang] = wordChanges(a, b);
      if (a !== b) textChanged = true;
    }
    concordance.push({
      paragraphId: id,
      oldNumber: wasThere ? o!.number : null,
      newNumber: isThere ? n!.number : null,
      change,
      relatedParagraphId: related,
      textChanged,
      oldStatus: o?.status ?? null,
      newStatus: n?.status ?? null,
    });
    paragraphs.push({ paragraphId: id, languages: diffs });
  }
  return { concordance, paragraphs };
}

/** Paragraphs in both revisions whose order relative to the others changed: those outside a longest run kept in order. */
function movedParagraphs(before: readonly SnapshotParagraph[], after: readonly SnapshotParagraph[]): Set<number> {
  const oldIndex = new Map(
    [...before]
      .filter(present)
      .sort((a, b) => a.position - b.position)
      .map((p, i) => [p.paragraphId, i]),
  );
  const common = [...after]
    .filter(present)
    .sort((a, b) => a.position - b.position)
    .filter((p) => oldIndex.has(p.paragraphId));
  const seq = common.map((p) => oldIndex.get(p.paragraphId)!);
  // Longest increasing subsequence, patience style, with back links to recover it.
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]] < seq[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const kept = new Set<number>();
  for (let i = tails.at(-1) ?? -1; i >= 0; i = prev[i]) kept.add(common[i].paragraphId);
  return new Set(common.filter((p) => !kept.has(p.paragraphId)).map((p) => p.paragraphId));
}

/** The new revision's order, with each paragraph only in the old one placed after the one it followed there. */
function mergeOrder(before: readonly SnapshotParagraph[], after: readonly SnapshotParagraph[]): number[] {
  const order = [...after].sort((a, b) => a.position - b.position).map((p) => p.paragraphId);
  const inNew = new Set(order);
  let previous: number | null = null;
  for (const p of [...before].sort((a, b) => a.position - b.position)) {
    if (!inNew.has(p.paragraphId)) {
      const at = previous === null ? 0 : order.indexOf(previous) + 1;
      order.splice(at, 0, p.paragraphId);
      inNew.add(p.paragraphId);
    }
    previous = p.paragraphId;
  }
  return order;
}
