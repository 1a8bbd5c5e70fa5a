import { IntlMessageFormat } from "intl-messageformat";
import enCommon from "./en/common.json" with { type: "json" };
import ruCommon from "./ru/common.json" with { type: "json" };
import uzCommon from "./uz/common.json" with { type: "json" };
import enAdmin from "./en/admin.json" with { type: "json" };
import ruAdmin from "./ru/admin.json" with { type: "json" };
import uzAdmin from "./uz/admin.json" with { type: "json" };
import enApi from "./en/api.json" with { type: "json" };
import ruApi from "./ru/api.json" with { type: "json" };
import uzApi from "./uz/api.json" with { type: "json" };
import enRegistration from "./en/registration.json" with { type: "json" };
import ruRegistration from "./ru/registration.json" with { type: "json" };
import uzRegistration from "./uz/registration.json" with { type: "json" };
import enErrors from "./en/errors.json" with { type: "json" };
import ruErrors from "./ru/errors.json" with { type: "json" };
import uzErrors from "./uz/errors.json" with { type: "json" };
import enFields from "./en/fields.json" with { type: "json" };
import ruFields from "./ru/fields.json" with { type: "json" };
import uzFields from "./uz/fields.json" with { type: "json" };
import enMailing from "./en/mailing.json" with { type: "json" };
import ruMailing from "./ru/mailing.json" with { type: "json" };
import uzMailing from "./uz/mailing.json" with { type: "json" };
import enPrivacy from "./en/privacy.json" with { type: "json" };
import ruPrivacy from "./ru/privacy.json" with { type: "json" };
import uzPrivacy from "./uz/privacy.json" with { type: "json" };
import enDuplicates from "./en/duplicates.json" with { type: "json" };
import ruDuplicates from "./ru/duplicates.json" with { type: "json" };
import uzDuplicates from "./uz/duplicates.json" with { type: "json" };
import enDashboard from "./en/dashboard.json" with { type: "json" };
import ruDashboard from "./ru/dashboard.json" with { type: "json" };
import uzDashboard from "./uz/dashboard.json" with { type: "json" };

/** Languages the interface is translated into. Content languages of an event may be others (e.g. `ar`). */
export const interfaceLanguages = ["en", "ru", "uz"] as const;
export type InterfaceLanguage = (typeof interfaceLanguages)[number];

type Catalogue = Record<string, string>;

function flatten(tree: object, prefix = "", out: Catalogue = {}): Catalogue {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out[prefix + key] = value;
    else flatten(value as object, `${prefix}${key}.`, out);
  }
  return out;
}

export const catalogues: Record<InterfaceLanguage, Catalogue> = {
  en: flatten({ ...enCommon, admin: enAdmin, api: enApi, registration: enRegistration, error: enErrors, fields: enFields, mailing: enMailing, privacy: enPrivacy, duplicates: enDuplicates, dashboard: enDashboard }),
  ru: flatten({ ...ruCommon, admin: ruAdmin, api: ruApi, registration: ruRegistration, error: ruErrors, fields: ruFields, mailing: ruMailing, privacy: ruPrivacy, duplicates: ruDuplicates, dashboard: ruDashboard }),
  uz: flatten({ ...uzCommon, admin: uzAdmin, api: uzApi, registration: uzRegistration, error: uzErrors, fields: uzFields, mailing: uzMailing, privacy: uzPrivacy, duplicates: uzDuplicates, dashboard: uzDashboard }),
};

export function isInterfaceLanguage(lang: string | undefined | null): lang is InterfaceLanguage {
  return !!lang && (interfaceLanguages as readonly string[]).includes(lang);
}

/** BCP 47 tag for `<html lang>` and `lang` attributes: Uzbek in Latin script is `uz-Latn`. */
export function htmlLang(lang: string): string {
  return lang === "uz" ? "uz-Latn" : lang;
}

const rtl = new Set(["ar", "fa", "he", "ur"]);
export function textDirection(lang: string): "rtl" | "ltr" {
  return rtl.has(lang) ? "rtl" : "ltr";
}

/** Endonyms, shown in the language switcher whatever the interface language. */
export const languageNames: Record<string, string> = {
  en: "English",
  ru: "Русский",
  uz: "Oʻzbekcha",
  ar: "العربية",
  fr: "Français",
  es: "Español",
  zh: "中文",
  kk: "Қазақша",
  ky: "Кыргызча",
  tg: "Тоҷикӣ",
  tk: "Türkmençe",
};

export type Values = Record<string, string | number | Date | boolean | null | undefined>;
export type Translate = (key: string, values?: Values) => string;

const compiled = new Map<string, IntlMessageFormat>();

const translators = new Map<InterfaceLanguage, Translate>();

/** ICU messages (CLDR plural rules, so Russian gets one/few/many right). Falls back to English, then the key. */
export function createTranslator(lang: string): Translate {
  const uiLang: InterfaceLanguage = isInterfaceLanguage(lang) ? lang : "en";
  let translate = translators.get(uiLang);
  if (!translate) translators.set(uiLang, (translate = makeTranslator(uiLang)));
  return translate;
}

function makeTranslator(uiLang: InterfaceLanguage): Translate {
  const catalogue = catalogues[uiLang];
  return (key, values) => {
    const source = catalogue[key] ?? catalogues.en[key];
    if (source === undefined) return key;
    const cacheKey = `${uiLang}\u0000${key}`;
    let format = compiled.get(cacheKey);
    if (!format) {
      format = new IntlMessageFormat(source, htmlLang(uiLang));
      compiled.set(cacheKey, format);
    }
    return String(format.format(values as Record<string, never>));
  };
}

/** The best interface language for an `Accept-Language` header. */
export function negotiateLanguage(header: string | null | undefined): InterfaceLanguage {
  if (!header) return "en";
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { lang: tag.trim().toLowerCase().split("-")[0], q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return ranked.find((r) => isInterfaceLanguage(r.lang))?.lang as InterfaceLanguage ?? "en";
}
