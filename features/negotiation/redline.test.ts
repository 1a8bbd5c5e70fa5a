import { describe, expect, it } from "vitest";
import { numberParagraphs } from "./numbering.ts";
import { compareRevisions, type SnapshotParagraph } from "./redline.ts";
import type { ParagraphKind, ParagraphStatus } from "./vocabulary.ts";

/** A snapshot written as a list: [id, kind, English text, extra]; positions follow the order, numbers computed. */
function snapshot(rows: [number, ParagraphKind, string, Partial<SnapshotParagraph>?][]): SnapshotParagraph[] {
  const paragraphs = rows.map(([paragraphId, kind, en, extra], position) => ({
    paragraphId,
    position,
    kind,
    number: null as string | null,
    text: { en, ...(extra?.text ?? {}) },
    status: (extra?.status ?? "bracketed") as ParagraphStatus,
    brackets: [],
    splitFromId: extra?.splitFromId ?? null,
    mergedIntoId: extra?.mergedIntoId ?? null,
  }));
  const numbers = numberParagraphs(paragraphs);
  return paragraphs.map((p) => ({ ...p, number: numbers.get(p.paragraphId) ?? null }));
}

const numbersOf = (s: SnapshotParagraph[]) => s.map((p) => p.number);

describe("displayed numbers", () => {
  it("count preambular and operative paragraphs apart, letter subparagraphs, skip deleted and merged ones", () => {
    const s = snapshot([
      [1, "PP", "Recalling"],
      [2, "PP", "Noting", { status: "deleted" }],
      [3, "PP", "Welcoming"],
      [4, "OP", "Decides"],
      [5, "sub", "to"],
      [6, "sub", "and to"],
      [7, "OP", "Requests", { mergedIntoId: 4 }],
      [8, "OP", "Invites"],
    ]);
    expect(numbersOf(s)).toEqual(["PP1", null, "PP2", "OP1", "OP1 (a)", "OP1 (b)", null, "OP2"]);
  });

  it("give the parts split from a paragraph bis, ter after it, without shifting the rest", () => {
    const s = snapshot([
      [1, "OP", "One"],
      [5, "OP", "Five"],
      [9, "OP", "Five, second part", { splitFromId: 5 }],
      [10, "OP", "Five, third part", { splitFromId: 5 }],
      [6, "OP", "Six"],
    ]);
    expect(numbersOf(s)).toEqual(["OP1", "OP2", "OP2 bis", "OP2 ter", "OP3"]);
  });

  it("number a split part on its own once it no longer follows its origin", () => {
    expect(
      numbersOf(
        snapshot([
          [9, "OP", "Part", { splitFromId: 5 }],
          [1, "OP", "One"],
        ]),
      ),
    ).toEqual(["OP1", "OP2"]);
  });
});

describe("redline by paragraph id", () => {
  const rev1 = snapshot([
    [1, "PP", "Recalling the Tashkent Declaration,"],
    [2, "PP", "Noting the report of the Secretary-General,"],
    [3, "PP", "Welcoming the progress made,"],
    [4, "OP", "Decides to strengthen regional cooperation;"],
    [5, "OP", "Requests the secretariat to report on water management and on energy;"],
    [6, "OP", "Invites Member States to contribute;"],
  ]);

  it("follows PP3 of Rev.1 to PP4 of Rev.2 when a paragraph is inserted before it", () => {
    const rev2 = snapshot([
      [1, "PP", "Recalling the Tashkent Declaration,"],
      [7, "PP", "Reaffirming its commitment,"],
      [2, "PP", "Noting the report of the Secretary-General,"],
      [3, "PP", "Welcoming the progress made,"],
      [4, "OP", "Decides to strengthen regional cooperation;"],
      [5, "OP", "Requests the secretariat to report on water management and on energy;"],
      [6, "OP", "Invites Member States to contribute;"],
    ]);
    const { concordance } = compareRevisions(rev1, rev2);
    expect(concordance.find((r) => r.paragraphId === 3)).toMatchObject({ oldNumber: "PP3", newNumber: "PP4", change: "unchanged", textChanged: false });
    expect(concordance.find((r) => r.paragraphId === 7)).toMatchObject({ oldNumber: null, newNumber: "PP2", change: "new" });
    expect(concordance.map((r) => r.paragraphId)).toEqual([1, 7, 2, 3, 4, 5, 6]);
  });

  it("splits OP5 into OP5 and OP5 bis without corrupting the rest of the redline", () => {
    const rev2 = snapshot([
      [1, "PP", "Recalling the Tashkent Declaration,"],
      [2, "PP", "Noting the report of the Secretary-General,"],
      [3, "PP", "Welcoming the progress made,"],
      [4, "OP", "Decides to strengthen regional cooperation;"],
      [5, "OP", "Requests the secretariat to report on water management;"],
      [8, "OP", "Also requests the secretariat to report on energy;", { splitFromId: 5 }],
      [6, "OP", "Invites Member States to contribute;"],
    ]);
    // OP5 here is the second OP (OP2): the test names them by id, as the redline does.
    const { concordance, paragraphs } = compareRevisions(rev1, rev2);
    const row = (id: number) => concordance.find((r) => r.paragraphId === id)!;
    expect(row(5)).toMatchObject({ oldNumber: "OP2", newNumber: "OP2", change: "unchanged", textChanged: true });
    expect(row(8)).toMatchObject({ oldNumber: null, newNumber: "OP2 bis", change: "split", relatedParagraphId: 5 });
    expect(row(6)).toMatchObject({ oldNumber: "OP3", newNumber: "OP3", change: "unchanged", textChanged: false });
    expect(concordance.filter((r) => r.textChanged).map((r) => r.paragraphId)).toEqual([5, 8]);
    const op5 = paragraphs.find((p) => p.paragraphId === 5)!.languages.en;
    expect(
      op5
        .filter((c) => c.kind === "removed")
        .map((c) => c.text)
        .join(""),
    ).toContain("and on energy");
    expect(
      op5
        .filter((c) => c.kind !== "added")
        .map((c) => c.text)
        .join(""),
    ).toBe(rev1[4].text.en);
    expect(
      op5
        .filter((c) => c.kind !== "removed")
        .map((c) => c.text)
        .join(""),
    ).toBe(rev2[4].text.en);
  });

  it("tells moved, merged and deleted paragraphs apart, and diffs every language", () => {
    const withRu = rev1.map((p) => (p.paragraphId === 4 ? { ...p, text: { ...p.text, ru: "Постановляет укреплять сотрудничество;" } } : p));
    const rev2 = snapshot([
      [1, "PP", "Recalling the Tashkent Declaration,"],
      [3, "PP", "Welcoming the progress made,"],
      [2, "PP", "Noting the report of the Secretary-General,"],
      [4, "OP", "Decides to strengthen regional cooperation;", { text: { ru: "Постановляет укреплять региональное сотрудничество;" } }],
      [5, "OP", "Requests the secretariat to report;", { status: "deleted" }],
      [6, "OP", "Invites Member States to contribute;", { mergedIntoId: 4 }],
    ]);
    const { concordance, paragraphs } = compareRevisions(withRu, rev2);
    const change = (id: number) => concordance.find((r) => r.paragraphId === id)!.change;
    expect([change(2), change(3)].sort()).toEqual(["moved", "unchanged"]);
    expect(change(5)).toBe("deleted");
    expect(change(6)).toBe("merged");
    expect(concordance.find((r) => r.paragraphId === 6)).toMatchObject({ oldNumber: "OP3", newNumber: null, relatedParagraphId: 4 });
    const ru = paragraphs.find((p) => p.paragraphId === 4)!.languages.ru;
    expect(ru.filter((c) => c.kind === "added").map((c) => c.text.trim())).toEqual(["региональное"]);
  });

  it("compares 150 paragraphs, the first ten gone and every third one longer (its speed is measured in bench/negotiation.ts)", () => {
    const big = snapshot(
      Array.from({ length: 150 }, (_, i) => [i + 1, i < 30 ? "PP" : "OP", `Paragraph ${i} says something about cooperation and water and energy.`]),
    );
    const next = snapshot(
      big
        .map((p, i) => [p.paragraphId, p.kind, i % 3 === 0 ? `${p.text.en} It also says more.` : p.text.en] as [number, ParagraphKind, string])
        .reverse()
        .slice(0, 140)
        .reverse(),
    );
    const { concordance, paragraphs } = compareRevisions(big, next);
    expect(concordance.filter((r) => r.change === "deleted").map((r) => r.oldNumber)).toEqual(Array.from({ length: 10 }, (_, i) => `PP${i + 1}`));
    expect(concordance.filter((r) => r.textChanged && r.change === "unchanged")).toHaveLength(46);
    const added = paragraphs.flatMap((p) => p.languages.en.filter((c) => c.kind === "added").map((c) => c.text));
    expect(new Set(added)).toEqual(new Set([" It also says more."]));
  });

  it("diffs Russian and Arabic by whole words and Chinese character by character", () => {
    const before = snapshot([
      [
        1,
        "OP",
        "Calls upon",
        { text: { ru: "призывает все государства укреплять сотрудничество;", ar: "يدعو جميع الدول إلى تعزيز التعاون؛", zh: "呼吁各国加强合作；" } },
      ],
    ]);
    const after = snapshot([
      [
        1,
        "OP",
        "Calls upon",
        { text: { ru: "призывает все государства углублять сотрудничество;", ar: "يدعو جميع الدول إلى تعميق التعاون؛", zh: "呼吁各国深化合作；" } },
      ],
    ]);
    const { languages } = compareRevisions(before, after).paragraphs[0];
    const changed = (lang: string) => languages[lang].filter((c) => c.kind !== "same").map((c) => `${c.kind}:${c.text}`);
    expect(changed("ru")).toEqual(["removed:укреплять", "added:углублять"]);
    expect(changed("ar")).toEqual(["removed:تعزيز", "added:تعميق"]);
    expect(changed("zh")).toEqual(["removed:加强", "added:深化"]);
  });
});
