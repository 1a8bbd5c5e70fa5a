import { z } from "zod";

/** A text typed by organisers, one value per content language: `{ en: "...", ru: "..." }`. */
export type Localized = Record<string, string>;

const cldrLanguages = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

/**
 * A content language: any BCP 47 tag that CLDR names (`de`, `kk`, `uz-Cyrl`, `zh-Hans`), not only the
 * interface's languages; made-up codes (`xx`, `zz`) are refused.
 */
export function isKnownLanguage(tag: string): boolean {
  if (!/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(tag)) return false;
  try {
    return cldrLanguages.of(tag) !== undefined;
  } catch {
    return false;
  }
}

export const languageCode = z.string().refine(isKnownLanguage, "language.invalid");

export const localizedSchema = z.record(languageCode, z.string().max(20_000));

export interface Resolved {
  text: string;
  /** The language the text is actually in; differs from the asked one on fallback. */
  lang: string;
}

/** The text in `lang`, else in the first of `fallbacks` that has one. */
export function resolveText(value: Localized | null | undefined, lang: string, fallbacks: readonly string[]): Resolved {
  if (value) {
    const own = value[lang]?.trim();
    if (own) return { text: value[lang], lang };
    for (const other of fallbacks) {
      if (value[other]?.trim()) return { text: value[other], lang: other };
    }
    for (const [other, text] of Object.entries(value)) {
      if (text.trim()) return { text, lang: other };
    }
  }
  return { text: "", lang };
}

/** Drops empty values and languages the event does not have. */
export function cleanLocalized(value: Localized | undefined, languages: readonly string[]): Localized {
  const out: Localized = {};
  for (const lang of languages) {
    const text = value?.[lang]?.trim();
    if (text) out[lang] = text;
  }
  return out;
}

/** Plain text of a localized value in `lang`, with the same fallbacks as `resolveText`. */
export function text(value: Localized | null | undefined, lang: string, fallbacks: readonly string[]): string {
  return resolveText(value, lang, fallbacks).text;
}
