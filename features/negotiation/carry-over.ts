// What paragraphs of an outcome document carry over from an earlier one: each paragraph is matched with the
// earlier paragraph it resembles most (the mean of the Dice coefficients of their words and of their pairs of
// neighbouring words, in any script, so that shared small words alone do not make a match), kept when the
// resemblance is large. Pure; the caller brings both texts in one language.

export interface EarlierParagraph {
  /** How the earlier paragraph is called: "OP4", or "¶3" for pasted text. */
  label: string;
  text: string;
}

export interface CarriedParagraph {
  paragraphId: number;
  from: string;
  /** The same words (spacing and case aside), or most of them. */
  kind: "verbatim" | "adapted";
}

/** Below this share of common words, a paragraph is new. */
const threshold = 0.6;

const words = (text: string) => text.toLocaleLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common += 1;
  return (2 * common) / (a.size + b.size);
}

const pairs = (list: string[]) => new Set(list.slice(1).map((w, i) => `${list[i]} ${w}`));
const resemblance = (a: Shape, b: Shape) => (dice(a.set, b.set) + dice(a.pairs, b.pairs)) / 2;
interface Shape {
  words: string[];
  set: Set<string>;
  pairs: Set<string>;
}
const shape = (text: string): Shape => {
  const list = words(text);
  return { words: list, set: new Set(list), pairs: pairs(list) };
};

export function carryOver(current: readonly { paragraphId: number; text: string }[], earlier: readonly EarlierParagraph[]): CarriedParagraph[] {
  const before = earlier.map((e) => ({ label: e.label, ...shape(e.text) }));
  const carried: CarriedParagraph[] = [];
  for (const p of current) {
    const own = shape(p.text);
    if (own.words.length === 0) continue;
    let best: { label: string; score: number; same: boolean } | null = null;
    for (const e of before) {
      const same = e.words.length === own.words.length && e.words.every((w, i) => w === own.words[i]);
      const score = same ? 1 : resemblance(own, e);
      if (!best || score > best.score) best = { label: e.label, score, same };
      if (same) break;
    }
    if (best && best.score >= threshold) carried.push({ paragraphId: p.paragraphId, from: best.label, kind: best.same ? "verbatim" : "adapted" });
  }
  return carried;
}

/** Pasted text of an earlier document: one paragraph per block separated by an empty line, labelled ¶1, ¶2 … */
export function pastedParagraphs(text: string): EarlierParagraph[] {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .map((block, i) => ({ label: `¶${i + 1}`, text: block }));
}
