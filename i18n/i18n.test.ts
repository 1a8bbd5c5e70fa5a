import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { catalogues, createTranslator, interfaceLanguages, negotiateLanguage } from "./index.ts";
import { isoWithOffset, utcToZonedInput, zonedToUtc } from "./format.ts";

describe("message catalogues", () => {
  const english = Object.keys(catalogues.en);
  for (const lang of interfaceLanguages) {
    it(`${lang} has every key English has, and nothing else`, () => {
      const keys = Object.keys(catalogues[lang]);
      expect(english.filter((k) => !keys.includes(k))).toEqual([]);
      expect(keys.filter((k) => !english.includes(k))).toEqual([]);
    });
    it(`${lang} messages are valid ICU`, () => {
      for (const [key, message] of Object.entries(catalogues[lang])) {
        expect(() => new IntlMessageFormat(message, lang), key).not.toThrow();
      }
    });
  }
});

describe("Russian plurals", () => {
  const t = createTranslator("ru");
  it.each([
    [1, "В программе участвует 1 человек"],
    [2, "В программе участвуют 2 человека"],
    [5, "В программе участвуют 5 человек"],
    [21, "В программе участвует 21 человек"],
    [22, "В программе участвуют 22 человека"],
    [11, "В программе участвуют 11 человек"],
  ])("%i people", (count, expected) => {
    expect(t("speakers.count", { count })).toBe(expected);
  });
});

describe("languages and time zones", () => {
  it("negotiates the interface language from Accept-Language", () => {
    expect(negotiateLanguage("ru-RU,ru;q=0.9,en;q=0.8")).toBe("ru");
    expect(negotiateLanguage("de-DE,uz;q=0.5")).toBe("uz");
    expect(negotiateLanguage("fr-FR,uz;q=0.5")).toBe("fr");
    expect(negotiateLanguage("uz-Cyrl-UZ,ru;q=0.5")).toBe("uz-Cyrl");
    expect(negotiateLanguage("zh-CN,zh;q=0.9")).toBe("zh");
    expect(negotiateLanguage("ar-EG")).toBe("ar");
    expect(negotiateLanguage("de")).toBe("en");
    expect(negotiateLanguage(undefined)).toBe("en");
  });
  it("reads wall-clock times in the event's zone", () => {
    expect(zonedToUtc("2022-03-03T09:30", "Asia/Tashkent")?.toISOString()).toBe("2022-03-03T04:30:00.000Z");
    expect(zonedToUtc("2022-03-27T03:30", "Europe/Vienna")?.toISOString()).toBe("2022-03-27T01:30:00.000Z");
    expect(zonedToUtc("2022-13-03T09:30", "Asia/Tashkent")).toBeNull();
    expect(zonedToUtc("nonsense", "Asia/Tashkent")).toBeNull();
  });
  it("round-trips a form value", () => {
    const d = zonedToUtc("2022-03-04T16:00", "Asia/Tashkent")!;
    expect(utcToZonedInput(d, "Asia/Tashkent")).toBe("2022-03-04T16:00");
    expect(isoWithOffset(d, "Asia/Tashkent")).toBe("2022-03-04T16:00:00+05:00");
  });
});
