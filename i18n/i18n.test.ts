import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { isoWithOffset, utcToZonedInput, zonedToUtc } from "./format.ts";
import { catalogues, createTranslator, interfaceLanguages, negotiateLanguage } from "./index.ts";

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

describe("languages beyond the interface's", () => {
  it("accepts any language CLDR knows as content, and refuses made-up codes", async () => {
    const { isKnownLanguage } = await import("../features/shared/localized.ts");
    for (const tag of ["de", "it", "kk", "ky", "tg", "tk", "uz-Cyrl", "zh-Hans", "ar"]) expect(isKnownLanguage(tag), tag).toBe(true);
    for (const tag of ["xx", "zz", "qaa", "english", "", "de_DE"]) expect(isKnownLanguage(tag), tag).toBe(false);
  });

  it("names each language in itself and lays out right-to-left scripts", async () => {
    const { languageName, textDirection, htmlLang } = await import("./index.ts");
    expect(languageName("de")).toBe("Deutsch");
    expect(languageName("kk")).toBe("Қазақ тілі");
    expect(languageName("uz-Cyrl")).toBe("Ўзбекча");
    expect(textDirection("ar")).toBe("rtl");
    expect(textDirection("fa")).toBe("rtl");
    expect(textDirection("ur")).toBe("rtl");
    expect(textDirection("he")).toBe("rtl");
    expect(textDirection("kk")).toBe("ltr");
    expect(htmlLang("zh")).toBe("zh-Hans");
    expect(htmlLang("uz")).toBe("uz-Latn");
  });
});

describe("plurals and dates as CLDR gives them", () => {
  it("Arabic has six plural forms: 0, 1, 2, 3, 11 and 100 participants", () => {
    const t = createTranslator("ar");
    const forms = [0, 1, 2, 3, 11, 100].map((n) => t("programme.count", { total: n, shown: n }));
    expect(new Set(forms).size).toBe(6);
    expect(forms[1]).toContain("جلسة واحدة");
    expect(forms[2]).toContain("جلستين");
  });

  it("Russian three, Chinese one", () => {
    const ru = createTranslator("ru");
    const ruForms = [1, 2, 5].map((n) => ru("programme.count", { total: n, shown: n }));
    expect(new Set(ruForms).size).toBe(3);
    const zh = createTranslator("zh");
    expect(zh("programme.count", { total: 1, shown: 1 }).replace(/1/g, "N")).toBe(zh("programme.count", { total: 7, shown: 7 }).replace(/7/g, "N"));
  });

  it("formats Arabic and Chinese dates in the event's time zone", async () => {
    const { eventFormatter } = await import("./format.ts");
    const at = new Date("2022-03-02T20:30:00Z"); // 3 March, 01:30 in Tashkent
    expect(eventFormatter("ar", "Asia/Tashkent").date(at)).toMatch(/مارس/);
    expect(eventFormatter("ar", "Asia/Tashkent").date(at)).toMatch(/[3٣]/);
    expect(eventFormatter("zh", "Asia/Tashkent").date(at)).toBe("2022年3月3日");
  });
});

describe("dates in a language browsers lack", () => {
  it("are laid out from the server's ICU exactly as Intl writes them, ranges as their two ends", async () => {
    const { eventFormatter } = await import("./format.ts");
    const fmt = eventFormatter("uz", "Asia/Tashkent");
    const intl = (options: Intl.DateTimeFormatOptions, d: Date) => new Intl.DateTimeFormat("uz-Latn", { timeZone: "Asia/Tashkent", ...options }).format(d);
    for (const iso of ["2022-03-03T04:30:00Z", "2030-12-31T20:05:00Z", "2031-07-14T18:59:00Z"]) {
      const d = new Date(iso);
      expect(fmt.day(d)).toBe(intl({ weekday: "long", day: "numeric", month: "long", year: "numeric" }, d));
      expect(fmt.dayShort(d)).toBe(intl({ weekday: "short", day: "numeric", month: "short" }, d));
      expect(fmt.date(d)).toBe(intl({ day: "numeric", month: "long", year: "numeric" }, d));
      expect(fmt.time(d)).toBe(intl({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" }, d).replace(/[\u2009\u202f]/g, " "));
      expect(fmt.dateTime(d)).toBe(intl({ dateStyle: "medium", timeStyle: "short" }, d).replace(/[\u2009\u202f]/g, " "));
    }
    // 19:30 UTC on 3 March 2022 is already 00:30 on the 4th in Tashkent.
    expect(fmt.date(new Date("2022-03-03T19:30:00Z"))).toBe("4-mart, 2022");
    expect(fmt.dateRange(new Date("2022-03-03T06:00:00Z"), new Date("2022-03-04T06:00:00Z"))).toBe("3-mart, 2022 – 4-mart, 2022");
    expect(fmt.range(new Date("2022-03-03T04:00:00Z"), new Date("2022-03-03T05:30:00Z"))).toBe("09:00–10:30");
  });
});
