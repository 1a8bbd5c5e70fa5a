import { describe, expect, it } from "vitest";
import { amendedText, findCollisions, subAmendmentRedline } from "./amendment-view.ts";
import { carryBrackets, foldEdit, mapSpan, wordChanges } from "./anchors.ts";

const op = "Calls upon all States to strengthen regional cooperation in the field of water management.";
const span = (text: string, words: string) => {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`"${words}" not in "${text}"`);
  return { start, end: start + words.length };
};

describe("word changes", () => {
  it("spell both texts exactly, whitespace included, in Latin, Cyrillic and Chinese", () => {
    for (const [a, b] of [
      [op, op.replace("strengthen", "deepen").replace("  ", " ")],
      ["Призывает все  государства укреплять сотрудничество.", "Призывает государства-члены укреплять региональное сотрудничество."],
      ["各国应加强区域合作。", "各国应深化区域合作与对话。"],
    ]) {
      const changes = wordChanges(a, b);
      expect(
        changes
          .filter((c) => c.kind !== "added")
          .map((c) => c.text)
          .join(""),
      ).toBe(a);
      expect(
        changes
          .filter((c) => c.kind !== "removed")
          .map((c) => c.text)
          .join(""),
      ).toBe(b);
    }
  });
});

describe("mapping a span onto a new text", () => {
  it("keeps an amendment pending when its words survive elsewhere in a changed paragraph", () => {
    const next = `Strongly ${op.replace("Calls", "calls").replace("water management", "integrated water resources management")}`;
    const { start, end } = span(op, "regional cooperation");
    const mapped = mapSpan(op, next, start, end);
    expect(mapped.state).toBe("current");
    expect(mapped.text).toBe("regional cooperation");
    expect(next.slice(mapped.start, mapped.end)).toBe("regional cooperation");
  });

  it("marks it to be reviewed when words under it changed, and shows the new words", () => {
    const next = op.replace("regional cooperation", "regional and interregional cooperation");
    const { start, end } = span(op, "regional cooperation");
    const mapped = mapSpan(op, next, start, end);
    expect(mapped.state).toBe("to_be_reviewed");
    expect(mapped.text).toBe("regional and interregional cooperation");
  });

  it("marks it overtaken when its words are gone, never dropping it", () => {
    const next = "Calls upon all States to cooperate.";
    const { start, end } = span(op, "in the field of water management");
    expect(mapSpan(op, next, start, end).state).toBe("overtaken");
  });

  it("carries an insertion point, and flags one whose neighbouring words were rewritten", () => {
    const at = op.indexOf(" in the field");
    const moved = mapSpan(op, `Further, ${op}`, at, at);
    expect(moved).toMatchObject({ state: "current", start: at + "Further, ".length });
    const rewritten = op.replace("cooperation in", "collaboration on");
    expect(mapSpan(op, rewritten, at, at).state).toBe("to_be_reviewed");
  });

  it("is the identity on an unchanged text", () => {
    expect(mapSpan(op, op, 3, 9)).toEqual({ state: "current", start: 3, end: 9, text: op.slice(3, 9) });
  });
});

describe("folding edits into a text that changed since", () => {
  it("folds two amendments to overlapping words of the same OP, in order, keeping both", () => {
    const a = { ...span(op, "strengthen regional"), text: "deepen regional and interregional" };
    const b = { ...span(op, "regional cooperation"), text: "regional cooperation and dialogue" };
    const first = foldEdit(op, op, a)!;
    expect(first).toBe("Calls upon all States to deepen regional and interregional cooperation in the field of water management.");
    const second = foldEdit(op, first, b);
    expect(second).toBe("Calls upon all States to deepen regional and interregional cooperation and dialogue in the field of water management.");
  });

  it("refuses to guess when both rewrite the same word differently", () => {
    const a = { ...span(op, "strengthen"), text: "deepen" };
    const b = { ...span(op, "strengthen"), text: "enhance" };
    expect(foldEdit(op, foldEdit(op, op, a)!, b)).toBeNull();
  });

  it("puts a second insertion at the same point after the first", () => {
    const at = op.indexOf(" in the field");
    const first = foldEdit(op, op, { start: at, end: at, text: ", including across borders," })!;
    const second = foldEdit(op, first, { start: at, end: at, text: " and capacity-building" });
    expect(second).toContain("cooperation, including across borders, and capacity-building in the field");
  });

  it("carries brackets along with their words", () => {
    const next = `Recalling its earlier decisions, ${op}`;
    const b = { id: "x", ...span(op, "regional"), alternatives: [] };
    const [moved] = carryBrackets(op, next, [b]);
    expect(next.slice(moved.start, moved.end)).toBe("regional");
    expect(carryBrackets(op, "Calls upon all States to cooperate.", [{ ...b, ...span(op, "water management") }])).toEqual([]);
  });
});

describe("collisions", () => {
  const base = { parentId: null, kind: "replace", language: "en", anchorVersionId: 1, proposedText: "x" };
  it("pairs amendments whose spans overlap in the same paragraph version and language, and no others", () => {
    const amendments = [
      { ...base, id: 1, anchorStart: 10, anchorEnd: 20 },
      { ...base, id: 2, anchorStart: 15, anchorEnd: 25 },
      { ...base, id: 3, anchorStart: 25, anchorEnd: 30 },
      { ...base, id: 4, anchorStart: 15, anchorEnd: 25, language: "ru" },
      { ...base, id: 5, anchorStart: 15, anchorEnd: 25, anchorVersionId: 2 },
      { ...base, id: 6, kind: "insert", anchorStart: 12, anchorEnd: 12 },
      { ...base, id: 7, kind: "insert", anchorStart: 30, anchorEnd: 30 },
    ];
    expect(findCollisions(amendments)).toEqual([
      [1, 2],
      [1, 6],
    ]);
  });
});

describe("an amendment to an amendment", () => {
  it("is redlined against the amendment's words and against the paragraph", () => {
    const parent = { ...span(op, "strengthen regional cooperation"), proposedText: "strengthen regional and subregional cooperation" };
    const sub = { ...span(parent.proposedText, "and subregional"), proposedText: "and, where appropriate, subregional" };
    const parentSpan = { anchorStart: parent.start, anchorEnd: parent.end, proposedText: parent.proposedText };
    const subSpan = { anchorStart: sub.start, anchorEnd: sub.end, proposedText: sub.proposedText };
    const redline = subAmendmentRedline(op, parentSpan, subSpan);
    expect(redline.result).toBe(
      "Calls upon all States to strengthen regional and, where appropriate, subregional cooperation in the field of water management.",
    );
    const spell = (kind: string) =>
      redline.againstAmendment
        .filter((c) => c.kind !== kind)
        .map((c) => c.text)
        .join("");
    expect(spell("added")).toBe(parent.proposedText);
    expect(spell("removed")).toBe("strengthen regional and, where appropriate, subregional cooperation");
    expect(redline.againstAmendment.some((c) => c.kind === "removed")).toBe(false);
    expect(
      redline.againstText
        .filter((c) => c.kind === "added")
        .map((c) => c.text)
        .join(""),
    ).toContain("and, where appropriate, subregional");
    expect(redline.againstText.some((c) => c.kind === "removed")).toBe(false);
    expect(amendedText(op, parentSpan)).toContain("regional and subregional cooperation");
  });
});
