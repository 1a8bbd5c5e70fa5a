import { describe, expect, it } from "vitest";
import { createTranslator } from "../../../i18n/index.ts";
import type { FormFieldRow } from "../schema.ts";
import { readCustomAnswers } from "./custom-answers.ts";
import { answerOf, answerText, unansweredQuestions } from "./form-field-view.ts";
import { slugify } from "./form-fields.ts";

let nextId = 1;
const field = (overrides: Partial<FormFieldRow> & Pick<FormFieldRow, "key" | "type">): FormFieldRow => ({
  id: nextId++,
  eventId: 1,
  label: { en: overrides.key },
  help: {},
  options: [],
  required: false,
  categoryIds: [],
  position: 0,
  version: 1,
  ...overrides,
});
const sides = field({
  key: "sides",
  type: "multi_choice",
  options: [
    { value: "a", label: { en: "A", ru: "А" } },
    { value: "b", label: { en: "B" } },
  ],
});
const meal = field({
  key: "meal",
  type: "choice",
  required: true,
  options: [
    { value: "veg", label: { en: "Vegetarian" } },
    { value: "any", label: { en: "Anything" } },
  ],
});
const visa = field({ key: "visa", type: "yes_no" });
const arrival = field({ key: "arrival", type: "date" });
const note = field({ key: "note", type: "text" });
const cv = field({ key: "cv", type: "file" });
const press = field({ key: "press_card", type: "text", required: true, categoryIds: [7] });
const fields = [sides, meal, visa, arrival, note, cv, press];

const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
const form = (entries: [string, string | Blob, string?][]) => {
  const data = new FormData();
  for (const [name, value, filename] of entries) {
    if (typeof value === "string") data.append(name, value);
    else data.append(name, value, filename);
  }
  return data;
};

describe("reading answers to the event's own questions", () => {
  it("reads each type from a posted form, in the options' order", async () => {
    const result = await readCustomAnswers(
      fields,
      3,
      form([
        ["custom.sides[]", ""],
        ["custom.sides[]", "b"],
        ["custom.sides[]", "a"],
        ["custom.meal", "veg"],
        ["custom.visa", "no"],
        ["custom.arrival", "2022-03-02"],
        ["custom.note", "  Arriving late  "],
        ["custom.cv", new Blob([pdf]), "cv.pdf"],
      ]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.answers).toEqual({ sides: ["a", "b"], meal: "veg", visa: false, arrival: "2022-03-02", note: "Arriving late" });
    expect(result.files).toMatchObject([{ key: "cv", contentType: "application/pdf", filename: "cv.pdf" }]);
  });

  it("reads a nested record (an API client's JSON) the same way", async () => {
    const result = await readCustomAnswers(fields, 3, { custom: { sides: ["a"], meal: "any", visa: "yes" } });
    expect(result).toMatchObject({ ok: true, answers: { sides: ["a"], meal: "any", visa: true } });
  });

  it("gives every error at once, keyed by the form's field names", async () => {
    const text = new TextEncoder().encode("just some text, not a PDF at all");
    const result = await readCustomAnswers(
      fields,
      7,
      form([
        ["custom.sides[]", "c"],
        ["custom.visa", "maybe"],
        ["custom.arrival", "2022-02-30"],
        ["custom.note", "x".repeat(1001)],
        ["custom.cv", new Blob([text]), "cv.pdf"],
      ]),
    );
    expect(result).toEqual({
      ok: false,
      values: {},
      errors: {
        "custom.sides": "custom_field.not_an_option",
        "custom.meal": "required",
        "custom.visa": "invalid",
        "custom.arrival": "date.invalid",
        "custom.note": "too_long",
        "custom.cv": "custom_field.file_type",
        "custom.press_card": "required",
      },
    });
  });

  it("refuses a file over 5 MB before reading it", async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(pdf);
    const result = await readCustomAnswers([cv], 1, form([["custom.cv", new Blob([big]), "big.pdf"]]));
    expect(result).toEqual({ ok: false, errors: { "custom.cv": "custom_field.file_too_large" }, values: { max: "5 MB" } });
  });

  it("asks a category-limited question only of its categories", async () => {
    const other = await readCustomAnswers([press], 3, form([["custom.press_card", "PC-1"]]));
    expect(other).toEqual({ ok: true, answers: {}, files: [] });
    const media = await readCustomAnswers([press], 7, form([["custom.press_card", "PC-1"]]));
    expect(media).toMatchObject({ ok: true, answers: { press_card: "PC-1" } });
  });

  it("keeps answers not in the submission, clears those sent empty, keeps a file sent without a new one", async () => {
    const current = { meal: "veg", note: "Old", cv: 42 };
    const result = await readCustomAnswers(
      fields,
      3,
      form([
        ["custom.note", ""],
        ["custom.cv", new Blob([]), ""],
      ]),
      { current },
    );
    expect(result).toEqual({ ok: true, answers: { note: null }, files: [] });
  });

  it("takes no inherited property for an answer to a question keyed `constructor`", async () => {
    const builder = field({ key: "constructor", type: "text", required: true });
    const licence = field({ key: "tostring", type: "file", required: true });
    // Nothing sent and nothing on file: both are still unanswered, though every object has a `constructor`.
    expect(await readCustomAnswers([builder], 3, form([]), { current: {} })).toEqual({ ok: false, errors: { "custom.constructor": "required" }, values: {} });
    expect(await readCustomAnswers([builder], 3, { custom: {} })).toEqual({ ok: false, errors: { "custom.constructor": "required" }, values: {} });
    expect(await readCustomAnswers([builder], 3, form([]), { current: { constructor: "B-17" } })).toEqual({ ok: true, answers: {}, files: [] });
    expect(await readCustomAnswers([builder], 3, form([["custom.constructor", "B-17"]]))).toEqual({ ok: true, answers: { constructor: "B-17" }, files: [] });
    expect(answerOf({}, "constructor")).toBeUndefined();
    expect(answerOf({}, "toString")).toBeUndefined();
    expect(answerOf({ constructor: "B-17" }, "constructor")).toBe("B-17");
    expect(answerText(builder, answerOf({}, "constructor"), "en", ["en"], { yes: "Yes", no: "No" })).toBe("");
    expect(unansweredQuestions([builder, licence, note], 3, {}).map((q) => q.key)).toEqual(["constructor", "tostring"]);
  });

  it("lets the secretariat leave a required question empty", async () => {
    expect(await readCustomAnswers([meal], 3, form([["custom.meal", ""]]), { requireAnswers: false })).toEqual({
      ok: true,
      answers: { meal: null },
      files: [],
    });
    expect(await readCustomAnswers([meal], 3, form([["custom.meal", ""]]))).toMatchObject({ ok: false, errors: { "custom.meal": "required" } });
  });
});

describe("showing answers", () => {
  const words = { yes: "Yes", no: "No", fileNames: new Map([[42, "cv.pdf"]]) };
  it("names choices by their label in the reader's language, with the event's fallbacks", () => {
    expect(answerText(sides, ["a", "b"], "ru", ["en"], words)).toBe("А; B");
    expect(answerText(sides, ["gone"], "en", ["en"], words)).toBe("gone");
    expect(answerText(visa, false, "en", ["en"], words)).toBe("No");
    expect(answerText(cv, 42, "en", ["en"], words)).toBe("cv.pdf");
    expect(answerText(note, undefined, "en", ["en"], words)).toBe("");
  });

  it("makes keys from labels in any script", () => {
    expect(slugify("Will you attend the side events?")).toBe("will_you_attend_the_side_events");
    expect(slugify("Нужно ли визовое письмо?")).toBe("nuzhno_li_vizovoe_pismo");
    expect(slugify("Yondosh tadbirlarda qatnashasizmi? Oʻzbek")).toBe("yondosh_tadbirlarda_qatnashasizmi_ozbek");
  });
});

describe("messages about questions", () => {
  const ru = createTranslator("ru");
  it.each([
    [1, "1 вопрос"],
    [3, "3 вопроса"],
    [5, "5 вопросов"],
    [11, "11 вопросов"],
    [21, "21 вопрос"],
    [24, "24 вопроса"],
  ])("counts %i questions in Russian", (count, expected) => {
    expect(ru("fields.count", { count })).toBe(expected);
  });
  it("says how many answers went with a deleted question", () => {
    expect(ru("fields.deleted", { count: 0 })).toBe("Вопрос удалён; на него никто не ответил.");
    expect(ru("fields.deleted", { count: 1 })).toBe("Вопрос удалён вместе с 1 ответом на него.");
    expect(ru("fields.deleted", { count: 3 })).toBe("Вопрос удалён вместе с 3 ответами на него.");
    expect(createTranslator("uz")("fields.deleted", { count: 7 })).toBe("Savol unga berilgan 7 ta javob bilan birga oʻchirildi.");
    expect(createTranslator("en")("error.custom_field.file_too_large", { max: "5 MB" })).toBe("The file is too large (at most 5 MB).");
  });
});
