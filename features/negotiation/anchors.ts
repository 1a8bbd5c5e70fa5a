// Anchors survive new revisions: a span of one text is carried onto the next text through a word diff
// (jsdiff), and an amendment is folded into a text that changed since it was written by a three-way merge.
import { diffArrays } from "diff";
import type { AnchorState } from "./vocabulary.ts";

export interface Change {
  kind: "same" | "added" | "removed";
  text: string;
}

/** The word-level changes from `before` to `after`; the kept and removed parts spell `before`, the kept and added ones `after`. */
export function wordChanges(before: string, after: string): Change[] {
  if (before === after) return before ? [{ kind: "same", text: before }] : [];
  const changes: Change[] = diffArrays(words(before), words(after)).map((c) => ({
    kind: c.added ? "added" : c.removed ? "removed" : "same",
    text: c.value.join(""),
  }));
  return joinAroundSpaces(changes);
}

/**
 * A text cut into words of any script (letters, marks and digits), Chinese characters one by one (Chinese
 * writes no spaces), runs of spaces, and single other characters; joined, the pieces spell the text again.
 * jsdiff's own word splitting knows Latin letters only: a Russian or Arabic text came apart letter by letter
 * ("укреп[г]л[убл]ять").
 */
const words = (text: string) => text.match(/\p{Script=Han}|[[\p{L}\p{M}\p{N}_]--\p{Script=Han}]+|\s+|[^\p{L}\p{M}\p{N}_\s]/gv) ?? [];

/**
 * The diff may keep a lone space between two parts of one insertion (", " + kept " " + "including … ");
 * the same texts read as one insertion followed by the kept space, which is how a reader (and an anchor
 * placed after the insertion) sees it.
 */
function joinAroundSpaces(changes: Change[]): Change[] {
  const out: Change[] = [];
  for (const c of changes) {
    const last = out.at(-1);
    const middle = out.at(-2);
    if (last && middle && c.kind !== "same" && middle.kind === c.kind && last.kind === "same" && /^\s+$/.test(last.text) && c.text.endsWith(last.text)) {
      middle.text += last.text + c.text.slice(0, -last.text.length);
      continue;
    }
    if (last && last.kind === c.kind) last.text += c.text;
    else out.push({ ...c });
  }
  return out;
}

interface Segment {
  kind: Change["kind"];
  /** Its range in the old text (empty for an addition) and in the new one (empty for a removal). */
  o0: number;
  o1: number;
  n0: number;
  n1: number;
}

function segments(changes: Change[]): Segment[] {
  let o = 0;
  let n = 0;
  return changes.map((c) => {
    const len = c.text.length;
    const s: Segment = {
      kind: c.kind,
      o0: o,
      o1: c.kind === "added" ? o : o + len,
      n0: n,
      n1: c.kind === "removed" ? n : n + len,
    };
    o = s.o1;
    n = s.n1;
    return s;
  });
}

/** Where a span starts in the new text: before the first kept character at or after `p` (after anything inserted at `p`). */
function mapStart(segs: Segment[], p: number, newLength: number): number {
  for (const s of segs) if (s.kind === "same" && s.o1 > p) return s.n0 + Math.max(0, p - s.o0);
  return newLength;
}

/** Where a span ends in the new text: after the last kept character before `p` (before anything inserted at `p`). */
function mapEnd(segs: Segment[], p: number): number {
  for (let i = segs.length - 1; i >= 0; i--) {
    const s = segs[i];
    if (s.kind === "same" && s.o0 < p) return s.n0 + Math.min(s.o1 - s.o0, p - s.o0);
  }
  return 0;
}

export interface MappedSpan {
  state: AnchorState;
  start: number;
  end: number;
  /** The words now under the span. */
  text: string;
}

/**
 * Carries the span [start, end) of `before` onto `after`: `current` when every character under it was kept
 * and nothing was inserted inside it, `overtaken` when all of it was removed, `to_be_reviewed` otherwise.
 * An empty span (an insertion point) is current unless the words around it were rewritten.
 */
export function mapSpan(before: string, after: string, start: number, end: number): MappedSpan {
  if (before === after) return { state: "current", start, end, text: before.slice(start, end) };
  const segs = segments(wordChanges(before, after));
  let kept = 0;
  let touched = false;
  for (const s of segs) {
    if (s.kind === "same") kept += Math.max(0, Math.min(s.o1, end) - Math.max(s.o0, start));
    // An insertion point next to rewritten words: where it should go is for a person to say.
    else if (s.kind === "removed" && start === end && start >= s.o0 && start <= s.o1) touched = true;
    else if (s.kind === "added" && s.o0 > start && s.o0 < end) touched = true;
  }
  const newStart = mapStart(segs, start, after.length);
  const newEnd = start === end ? newStart : Math.max(newStart, mapEnd(segs, end));
  const text = after.slice(newStart, newEnd);
  if (start === end) return { state: touched ? "to_be_reviewed" : "current", start: newStart, end: newStart, text };
  const state: AnchorState = kept === 0 ? "overtaken" : kept === end - start && !touched ? "current" : "to_be_reviewed";
  return { state, start: newStart, end: newEnd, text };
}

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** `text` with [start, end) replaced. */
export const applyEdit = (text: string, edit: Edit) => text.slice(0, edit.start) + edit.text + text.slice(edit.end);

/** The smallest edits that turn the span's held words into the proposed ones, in offsets of the whole text. */
function minimalEdits(edit: Edit, held: string): Edit[] {
  const edits: Edit[] = [];
  let o = edit.start;
  for (const c of wordChanges(held, edit.text)) {
    if (c.kind === "same") o += c.text.length;
    else if (c.kind === "removed") {
      const last = edits.at(-1);
      if (last && last.end === o) last.end += c.text.length;
      else edits.push({ start: o, end: o + c.text.length, text: "" });
      o += c.text.length;
    } else {
      const last = edits.at(-1);
      if (last && last.end === o) last.text += c.text;
      else edits.push({ start: o, end: o, text: c.text });
    }
  }
  return edits;
}

/**
 * Folds an edit written against `base` into `current` (base as changed since, by earlier folds or the
 * facilitator): each part of it lands where its words now are. Null when words it changes were changed in
 * the meantime: a collision the facilitator resolves by hand.
 */
export function foldEdit(base: string, current: string, edit: Edit): string | null {
  const held = base.slice(edit.start, edit.end);
  let result = current;
  const placed: Edit[] = [];
  for (const part of minimalEdits(edit, held)) {
    const mapped = mapSpan(base, current, part.start, part.end);
    if (mapped.state !== "current") return null;
    placed.push({ start: mapped.start, end: mapped.end, text: part.text });
  }
  for (const part of placed.reverse()) result = applyEdit(result, part);
  return result;
}

/** Brackets of a text carried onto its new wording; a bracket whose words are all gone is dropped with them. */
export function carryBrackets<B extends { start: number; end: number }>(before: string, after: string, brackets: readonly B[]): B[] {
  if (before === after) return [...brackets];
  return brackets.flatMap((b) => {
    const mapped = mapSpan(before, after, b.start, b.end);
    return mapped.state === "overtaken" ? [] : [{ ...b, start: mapped.start, end: mapped.end }];
  });
}
