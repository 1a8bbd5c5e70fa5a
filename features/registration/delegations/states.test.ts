import { describe, expect, it } from "vitest";
import { isCountryCode } from "../../shared/countries.ts";
import { memberStates, observerStates, stateChoices, stateCodes, stateName, stateNames } from "./states.ts";

describe("the States list", () => {
  it("holds the 193 Member States and the 2 observer States, each once, each a real ISO 3166-1 code", () => {
    expect(memberStates).toHaveLength(193);
    expect([...observerStates].sort()).toEqual(["PS", "VA"]);
    expect(new Set(stateCodes).size).toBe(195);
    expect(stateCodes.filter((code) => !isCountryCode(code))).toEqual([]);
    // Territories that are not States are not offered.
    for (const territory of ["XK", "TW", "HK", "PR", "GL", "AQ"]) expect(stateCodes).not.toContain(territory);
  });

  it.each([
    ["RU", "Russian Federation"],
    ["IR", "Iran (Islamic Republic of)"],
    ["TR", "Türkiye"],
    ["MD", "Republic of Moldova"],
    ["TZ", "United Republic of Tanzania"],
    ["BO", "Bolivia (Plurinational State of)"],
    ["VE", "Venezuela (Bolivarian Republic of)"],
    ["KR", "Republic of Korea"],
    ["KP", "Democratic People's Republic of Korea"],
    ["LA", "Lao People's Democratic Republic"],
    ["VN", "Viet Nam"],
    ["SY", "Syrian Arab Republic"],
    ["CI", "Côte d'Ivoire"],
    ["CZ", "Czechia"],
    ["NL", "Netherlands (Kingdom of the)"],
    ["GB", "United Kingdom of Great Britain and Northern Ireland"],
    ["US", "United States of America"],
    ["PS", "State of Palestine"],
    ["VA", "Holy See"],
    ["UZ", "Uzbekistan"],
  ])("names %s as the UN does in English: %s", (code, name) => {
    expect(stateName(code, "en")).toBe(name);
  });

  it("names States in the other official languages, UN forms first and CLDR's otherwise, and in any other language from CLDR", () => {
    expect(stateNames("RU", ["ru", "fr", "es", "zh", "ar"])).toEqual({
      ru: "Российская Федерация",
      fr: "Fédération de Russie",
      es: "Federación de Rusia",
      zh: "俄罗斯联邦",
      ar: "الاتحاد الروسي",
    });
    expect(stateName("VA", "fr")).toBe("Saint-Siège");
    expect(stateName("KZ", "ru")).toBe("Казахстан");
    expect(stateName("KZ", "uz")).toBe(new Intl.DisplayNames(["uz"], { type: "region" }).of("KZ"));
    expect(stateName("UZ", "uz-Cyrl")).toBe(new Intl.DisplayNames(["uz-Cyrl"], { type: "region" }).of("UZ"));
  });

  it("offers every State sorted by its name in the reader's language, with its names in the event's languages", () => {
    const choices = stateChoices("en", ["en", "ru"]);
    expect(choices).toHaveLength(195);
    const labels = choices.map((c) => c.label);
    expect(labels).toEqual([...labels].sort(new Intl.Collator("en").compare));
    expect(choices.find((c) => c.code === "VA")).toEqual({ code: "VA", label: "Holy See", names: { en: "Holy See", ru: "Святой Престол" }, observer: true });
    expect(choices.find((c) => c.code === "KZ")?.observer).toBe(false);
  });
});
