import { htmlLang } from "../../i18n/index.ts";

const names = new Map<string, Intl.DisplayNames>();

/** A country's name in the interface language, from its ISO 3166 code (the code itself if unknown). */
export function countryName(code: string | null | undefined, lang: string): string {
  if (!code) return "";
  let display = names.get(lang);
  if (!display) names.set(lang, (display = new Intl.DisplayNames([htmlLang(lang)], { type: "region", fallback: "code" })));
  try {
    return display.of(code) ?? code;
  } catch {
    return code;
  }
}
