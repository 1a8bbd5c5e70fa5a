import { IntlMessageFormat } from "intl-messageformat";
import english from "./en/index.ts";
import { interfaceLanguageList } from "./languages.ts";

/** Languages the interface is translated into (i18n/languages.ts). Content languages of an event may be any others. */
export const interfaceLanguages = interfaceLanguageList.map((l) => l.code) as [InterfaceLanguage, ...InterfaceLanguage[]];
export type InterfaceLanguage = (typeof interfaceLanguageList)[number]["code"];
const byCode = new Map<string, (typeof interfaceLanguageList)[number]>(interfaceLanguageList.map((l) => [l.code, l]));

type Catalogue = Record<string, string>;

function flatten(tree: object, prefix = "", out: Catalogue = {}): Catalogue {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out[prefix + key] = value;
    else flatten(value as object, `${prefix}${key}.`, out);
  }
  return out;
}

/**
 * Loaded catalogues, one per language, shared by every copy of this module in the process (the server
 * and the Vite-built route bundle each load one). English is always there; `loadCatalogues()` adds the
 * others: all of them on the server, the page's own in the browser (app/entry.client.tsx).
 */
const shared = globalThis as typeof globalThis & { __plenaryCatalogues?: Partial<Record<InterfaceLanguage, Catalogue>> };
export const catalogues = (shared.__plenaryCatalogues ??= { en: flatten(english) }) as Record<InterfaceLanguage, Catalogue>;

export async function loadCatalogues(langs: readonly string[] = interfaceLanguages): Promise<void> {
  await Promise.all(
    langs.map(async (lang) => {
      const language = byCode.get(lang);
      if (!language || catalogues[language.code]) return;
      catalogues[language.code] = flatten((await language.load()).default);
    }),
  );
}

export function isInterfaceLanguage(lang: string | undefined | null): lang is InterfaceLanguage {
  return !!lang && (interfaceLanguages as readonly string[]).includes(lang);
}

/** BCP 47 tag for `<html lang>` and `lang` attributes: Uzbek in Latin script is `uz-Latn`, Chinese `zh-Hans`. */
export function htmlLang(lang: string): string {
  return byCode.get(lang)?.html ?? lang;
}

const rtlScripts = new Set(["Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"]);
/** Right to left for Arabic, Persian, Hebrew, Urdu… whatever the language: read from its likely script. */
export function textDirection(lang: string): "rtl" | "ltr" {
  const known = byCode.get(lang);
  if (known) return known.dir;
  try {
    const script = new Intl.Locale(lang).maximize().script;
    return script && rtlScripts.has(script) ? "rtl" : "ltr";
  } catch {
    return "ltr";
  }
}

/**
 * A language's name in itself ("Deutsch", "Қазақ тілі"), from the interface list or CLDR through
 * Intl.DisplayNames; the bare code only when CLDR knows nothing of it.
 */
export function languageName(lang: string): string {
  const known = byCode.get(lang);
  if (known) return known.name;
  try {
    const name = new Intl.DisplayNames([lang], { type: "language", fallback: "none" }).of(lang);
    return name ? name.charAt(0).toLocaleUpperCase(lang) + name.slice(1) : lang;
  } catch {
    return lang;
  }
}

export type Values = Record<string, string | number | Date | boolean | null | undefined>;
export type Translate = (key: string, values?: Values) => string;

/**
 * Each language's messages as last compiled, by key: the source they were compiled from (a catalogue may be
 * replaced, in the browser, once its language arrives) and what formats them. A message with no argument,
 * tag or quote (`{`, `}`, `<`, `'`) reads as written: it is returned as is, without the formatter's work.
 */
const compiled = new Map<InterfaceLanguage, Map<string, { source: string; format: IntlMessageFormat | null }>>();
const plainMessage = /^[^{}<']*$/;

const translators = new Map<InterfaceLanguage, Translate>();

/** The interface an event chose for its content languages that have none (stored, so checked again here). */
export function eventInterfaceLanguage(event: { interfaceLanguage: string } | null | undefined): InterfaceLanguage {
  return isInterfaceLanguage(event?.interfaceLanguage) ? event.interfaceLanguage : "en";
}

/** ICU messages (CLDR plural rules, so Russian gets one/few/many right). Falls back to English, then the key. */
export function createTranslator(lang: string): Translate {
  const uiLang: InterfaceLanguage = isInterfaceLanguage(lang) ? lang : "en";
  let translate = translators.get(uiLang);
  if (!translate) translators.set(uiLang, (translate = makeTranslator(uiLang)));
  return translate;
}

function makeTranslator(uiLang: InterfaceLanguage): Translate {
  let ofLanguage = compiled.get(uiLang);
  if (!ofLanguage) compiled.set(uiLang, (ofLanguage = new Map()));
  const messages = ofLanguage;
  return (key, values) => {
    // Read at each call: in the browser a language's catalogue may arrive after its translator was made.
    const source = catalogues[uiLang]?.[key] ?? catalogues.en[key];
    if (source === undefined) return key;
    let entry = messages.get(key);
    if (entry?.source !== source) {
      entry = { source, format: plainMessage.test(source) ? null : new IntlMessageFormat(source, htmlLang(uiLang)) };
      messages.set(key, entry);
    }
    return entry.format ? String(entry.format.format(values as Record<string, never>)) : source;
  };
}

/** The interface language a BCP 47 tag asks for: `uz-Cyrl-UZ` → `uz-Cyrl`, `uz` → `uz`, `zh-CN` → `zh`. */
export function interfaceLanguageFor(tag: string): InterfaceLanguage | null {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag);
  } catch {
    return null;
  }
  if (locale.language === "uz" && (locale.script === "Cyrl" || (!locale.script && locale.maximize().script === "Cyrl"))) return "uz-Cyrl";
  return isInterfaceLanguage(locale.language) ? locale.language : null;
}

/** The best interface language for an `Accept-Language` header. */
export function negotiateLanguage(header: string | null | undefined): InterfaceLanguage {
  if (!header) return "en";
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.trim(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const match = interfaceLanguageFor(tag);
    if (match) return match;
  }
  return "en";
}
