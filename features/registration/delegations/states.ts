import { htmlLang } from "../../../i18n/index.ts";
import type { Localized } from "../../shared/localized.ts";

/**
 * The States a conference invites, as the United Nations names them. Only the codes are listed here: the
 * names come from CLDR (`Intl.DisplayNames`, type "region") in whatever language is asked, with our own
 * overrides where UN usage in its six official languages differs from CLDR's everyday names
 * ("Russian Federation", not "Russia"; "Holy See", not "Vatican City").
 */

/** The 193 Member States of the United Nations, by ISO 3166-1 alpha-2 code. */
// biome-ignore format: codes in rows, in the order of the UN's list of Member States (English names).
export const memberStates = [
  "AF", "AL", "DZ", "AD", "AO", "AG", "AR", "AM", "AU", "AT", "AZ", "BS", "BH", "BD", "BB", "BY", "BE", "BZ", "BJ", "BT",
  "BO", "BA", "BW", "BR", "BN", "BG", "BF", "BI", "CV", "KH", "CM", "CA", "CF", "TD", "CL", "CN", "CO", "KM", "CG", "CR",
  "CI", "HR", "CU", "CY", "CZ", "KP", "CD", "DK", "DJ", "DM", "DO", "EC", "EG", "SV", "GQ", "ER", "EE", "SZ", "ET", "FJ",
  "FI", "FR", "GA", "GM", "GE", "DE", "GH", "GR", "GD", "GT", "GN", "GW", "GY", "HT", "HN", "HU", "IS", "IN", "ID", "IR",
  "IQ", "IE", "IL", "IT", "JM", "JP", "JO", "KZ", "KE", "KI", "KW", "KG", "LA", "LV", "LB", "LS", "LR", "LY", "LI", "LT",
  "LU", "MG", "MW", "MY", "MV", "ML", "MT", "MH", "MR", "MU", "MX", "FM", "MC", "MN", "ME", "MA", "MZ", "MM", "NA", "NR",
  "NP", "NL", "NZ", "NI", "NE", "NG", "MK", "NO", "OM", "PK", "PW", "PA", "PG", "PY", "PE", "PH", "PL", "PT", "QA", "KR",
  "MD", "RO", "RU", "RW", "KN", "LC", "VC", "WS", "SM", "ST", "SA", "SN", "RS", "SC", "SL", "SG", "SK", "SI", "SB", "SO",
  "ZA", "SS", "ES", "LK", "SD", "SR", "SE", "CH", "SY", "TJ", "TH", "TL", "TG", "TO", "TT", "TN", "TR", "TM", "TV", "UG",
  "UA", "AE", "GB", "TZ", "US", "UY", "UZ", "VU", "VE", "VN", "YE", "ZM", "ZW",
] as const;

/** Non-member observer States of the General Assembly. */
export const observerStates = ["VA", "PS"] as const;

export const stateCodes: readonly string[] = [...memberStates, ...observerStates];
const stateSet = new Set(stateCodes);
export const isState = (code: string | null | undefined): boolean => !!code && stateSet.has(code);

/** The UN's six official languages. */
export type UnLanguage = "ar" | "zh" | "en" | "fr" | "ru" | "es";

/**
 * UN names where CLDR says otherwise. English is complete for the States whose names differ; the other
 * languages carry the forms we are sure of, and CLDR's name stands for the rest.
 */
const unNames: Record<string, Partial<Record<UnLanguage, string>>> = {
  AG: { en: "Antigua and Barbuda" },
  BA: { en: "Bosnia and Herzegovina" },
  BN: { en: "Brunei Darussalam", fr: "Brunéi Darussalam", es: "Brunei Darussalam", ru: "Бруней-Даруссалам", zh: "文莱达鲁萨兰国" },
  BO: {
    en: "Bolivia (Plurinational State of)",
    fr: "Bolivie (État plurinational de)",
    es: "Bolivia (Estado Plurinacional de)",
    ru: "Боливия (Многонациональное Государство)",
    zh: "多民族玻利维亚国",
  },
  CD: {
    en: "Democratic Republic of the Congo",
    fr: "République démocratique du Congo",
    es: "República Democrática del Congo",
    ru: "Демократическая Республика Конго",
    zh: "刚果民主共和国",
    ar: "جمهورية الكونغو الديمقراطية",
  },
  CG: { en: "Congo", fr: "Congo", es: "Congo", ru: "Конго", zh: "刚果", ar: "الكونغو" },
  CI: { en: "Côte d'Ivoire", fr: "Côte d'Ivoire", es: "Côte d'Ivoire", ru: "Кот-д'Ивуар" },
  CV: { en: "Cabo Verde", fr: "Cabo Verde" },
  CZ: { en: "Czechia", fr: "Tchéquie", es: "Chequia" },
  FM: {
    en: "Micronesia (Federated States of)",
    fr: "Micronésie (États fédérés de)",
    es: "Micronesia (Estados Federados de)",
    ru: "Микронезия (Федеративные Штаты)",
    zh: "密克罗尼西亚联邦",
  },
  GB: {
    en: "United Kingdom of Great Britain and Northern Ireland",
    fr: "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
    es: "Reino Unido de Gran Bretaña e Irlanda del Norte",
    ru: "Соединенное Королевство Великобритании и Северной Ирландии",
    zh: "大不列颠及北爱尔兰联合王国",
    ar: "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية",
  },
  IR: {
    en: "Iran (Islamic Republic of)",
    fr: "Iran (République islamique d')",
    es: "Irán (República Islámica del)",
    ru: "Иран (Исламская Республика)",
    zh: "伊朗伊斯兰共和国",
  },
  KN: { en: "Saint Kitts and Nevis" },
  KP: {
    en: "Democratic People's Republic of Korea",
    fr: "République populaire démocratique de Corée",
    es: "República Popular Democrática de Corea",
    ru: "Корейская Народно-Демократическая Республика",
    zh: "朝鲜民主主义人民共和国",
    ar: "جمهورية كوريا الشعبية الديمقراطية",
  },
  KR: { en: "Republic of Korea", fr: "République de Corée", es: "República de Corea", ru: "Республика Корея", zh: "大韩民国", ar: "جمهورية كوريا" },
  LA: {
    en: "Lao People's Democratic Republic",
    fr: "République démocratique populaire lao",
    es: "República Democrática Popular Lao",
    ru: "Лаосская Народно-Демократическая Республика",
    zh: "老挝人民民主共和国",
    ar: "جمهورية لاو الديمقراطية الشعبية",
  },
  LC: { en: "Saint Lucia" },
  MD: {
    en: "Republic of Moldova",
    fr: "République de Moldova",
    es: "República de Moldova",
    ru: "Республика Молдова",
    zh: "摩尔多瓦共和国",
    ar: "جمهورية مولدوفا",
  },
  MK: { en: "North Macedonia", fr: "Macédoine du Nord" },
  MM: { en: "Myanmar", fr: "Myanmar", es: "Myanmar", ru: "Мьянма" },
  NL: { en: "Netherlands (Kingdom of the)", fr: "Pays-Bas (Royaume des)", es: "Países Bajos (Reino de los)" },
  PS: { en: "State of Palestine", fr: "État de Palestine", es: "Estado de Palestina", ru: "Государство Палестина", zh: "巴勒斯坦国", ar: "دولة فلسطين" },
  RU: { en: "Russian Federation", fr: "Fédération de Russie", es: "Federación de Rusia", ru: "Российская Федерация", zh: "俄罗斯联邦", ar: "الاتحاد الروسي" },
  ST: { en: "Sao Tome and Principe" },
  SY: {
    en: "Syrian Arab Republic",
    fr: "République arabe syrienne",
    es: "República Árabe Siria",
    ru: "Сирийская Арабская Республика",
    zh: "阿拉伯叙利亚共和国",
    ar: "الجمهورية العربية السورية",
  },
  SZ: { en: "Eswatini", es: "Eswatini" },
  TL: { en: "Timor-Leste", fr: "Timor-Leste", ru: "Тимор-Лешти" },
  TR: { en: "Türkiye", fr: "Türkiye", es: "Türkiye" },
  TT: { en: "Trinidad and Tobago" },
  TZ: {
    en: "United Republic of Tanzania",
    fr: "République-Unie de Tanzanie",
    es: "República Unida de Tanzanía",
    ru: "Объединенная Республика Танзания",
    zh: "坦桑尼亚联合共和国",
    ar: "جمهورية تنزانيا المتحدة",
  },
  US: {
    en: "United States of America",
    fr: "États-Unis d'Amérique",
    es: "Estados Unidos de América",
    ru: "Соединенные Штаты Америки",
    zh: "美利坚合众国",
    ar: "الولايات المتحدة الأمريكية",
  },
  VA: { en: "Holy See", fr: "Saint-Siège", es: "Santa Sede", ru: "Святой Престол", zh: "教廷", ar: "الكرسي الرسولي" },
  VC: { en: "Saint Vincent and the Grenadines" },
  VE: {
    en: "Venezuela (Bolivarian Republic of)",
    fr: "Venezuela (République bolivarienne du)",
    es: "Venezuela (República Bolivariana de)",
    ru: "Венесуэла (Боливарианская Республика)",
    zh: "委内瑞拉玻利瓦尔共和国",
  },
  VN: { en: "Viet Nam", fr: "Viet Nam", es: "Viet Nam", ar: "فييت نام" },
};

const displays = new Map<string, Intl.DisplayNames>();
function cldrName(code: string, lang: string): string {
  let display = displays.get(lang);
  if (!display) displays.set(lang, (display = new Intl.DisplayNames([htmlLang(lang)], { type: "region", fallback: "code" })));
  return display.of(code) ?? code;
}

/** A State's name in `lang`: the UN form in the six official languages, CLDR's in any other. */
export function stateName(code: string, lang: string): string {
  return unNames[code]?.[lang as UnLanguage] ?? cldrName(code, lang);
}

/** A State's name in each of the event's languages. */
export function stateNames(code: string, languages: readonly string[]): Localized {
  return Object.fromEntries(languages.map((lang) => [lang, stateName(code, lang)]));
}

/** The States to pick from, named in `lang` and sorted by that name, with their names in the event's languages. */
export function stateChoices(lang: string, languages: readonly string[]) {
  const collator = new Intl.Collator(htmlLang(lang));
  return stateCodes
    .map((code) => ({ code, label: stateName(code, lang), names: stateNames(code, languages), observer: !(memberStates as readonly string[]).includes(code) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}
