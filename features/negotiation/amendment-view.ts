// How amendments read side by side: which collide (spans overlapping in the same paragraph version and
// language), and what a paragraph would say with one, or with an amendment to it. Pure.
import { type Change, wordChanges } from "./anchors.ts";

export interface AnchoredAmendment {
  id: number;
  parentId: number | null;
  kind: string;
  language: string;
  anchorVersionId: number;
  anchorStart: number;
  anchorEnd: number;
  proposedText: string;
}

/** Two amendments collide when their spans overlap in the same paragraph version and language (two insertions at one point too). */
export function spansCollide(a: AnchoredAmendment, b: AnchoredAmendment): boolean {
  if (a.id === b.id || a.anchorVersionId !== b.anchorVersionId || a.language !== b.language) return false;
  if ((a.parentId ?? 0) !== (b.parentId ?? 0)) return false;
  const textual = (x: AnchoredAmendment) => x.kind === "insert" || x.kind === "delete" || x.kind === "replace";
  if (!textual(a) || !textual(b)) return false;
  if (a.anchorStart === a.anchorEnd || b.anchorStart === b.anchorEnd) {
    const [point, span] = a.anchorStart === a.anchorEnd ? [a, b] : [b, a];
    if (span.anchorStart === span.anchorEnd) return point.anchorStart === span.anchorStart;
    return point.anchorStart > span.anchorStart && point.anchorStart < span.anchorEnd;
  }
  return a.anchorStart < b.anchorEnd && b.anchorStart < a.anchorEnd;
}

/** Every colliding pair, lower id first. */
export function findCollisions(amendments: readonly AnchoredAmendment[]): [number, number][] {
  const pairs: [number, number][] = [];
  const byVersion = new Map<string, AnchoredAmendment[]>();
  for (const a of amendments) {
    const key = `${a.anchorVersionId}:${a.language}:${a.parentId ?? 0}`;
    byVersion.set(key, [...(byVersion.get(key) ?? []), a]);
  }
  for (const group of byVersion.values()) {
    const sorted = [...group].sort((x, y) => x.id - y.id);
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) if (spansCollide(sorted[i], sorted[j])) pairs.push([sorted[i].id, sorted[j].id]);
    }
  }
  return pairs;
}

const replaceSpan = (text: string, start: number, end: number, by: string) => text.slice(0, start) + by + text.slice(end);

/** The paragraph as the amendment would have it. */
export function amendedText(paragraph: string, amendment: Pick<AnchoredAmendment, "anchorStart" | "anchorEnd" | "proposedText">): string {
  return replaceSpan(paragraph, amendment.anchorStart, amendment.anchorEnd, amendment.proposedText);
}

/**
 * An amendment to an amendment, redlined against both texts it changes: the amendment's proposed words,
 * and the paragraph itself (as the amendment, so amended, would leave it).
 */
export function subAmendmentRedline(
  paragraph: string,
  parent: Pick<AnchoredAmendment, "anchorStart" | "anchorEnd" | "proposedText">,
  sub: Pick<AnchoredAmendment, "anchorStart" | "anchorEnd" | "proposedText">,
): { againstAmendment: Change[]; againstText: Change[]; result: string } {
  const subAmended = replaceSpan(parent.proposedText, sub.anchorStart, sub.anchorEnd, sub.proposedText);
  const result = amendedText(paragraph, { ...parent, proposedText: subAmended });
  return { againstAmendment: wordChanges(parent.proposedText, subAmended), againstText: wordChanges(paragraph, result), result };
}
