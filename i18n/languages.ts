/**
 * The interface languages: the one list to change when adding one (with its folder of catalogues beside
 * this file, made by copying i18n/en/ and translating; `npm run i18n:check` reports what is missing).
 * Order: the six UN official languages in their English alphabetical order, then the host's.
 */
export const interfaceLanguageList = [
  { code: "ar", name: "العربية", html: "ar", dir: "rtl", load: () => import("./ar/index.ts") },
  { code: "zh", name: "中文", html: "zh-Hans", dir: "ltr", load: () => import("./zh/index.ts") },
  { code: "en", name: "English", html: "en", dir: "ltr", load: () => import("./en/index.ts") },
  { code: "fr", name: "Français", html: "fr", dir: "ltr", load: () => import("./fr/index.ts") },
  { code: "ru", name: "Русский", html: "ru", dir: "ltr", load: () => import("./ru/index.ts") },
  { code: "es", name: "Español", html: "es", dir: "ltr", load: () => import("./es/index.ts") },
  { code: "uz", name: "Oʻzbekcha", html: "uz-Latn", dir: "ltr", load: () => import("./uz/index.ts") },
  { code: "uz-Cyrl", name: "Ўзбекча", html: "uz-Cyrl", dir: "ltr", load: () => import("./uz-Cyrl/index.ts") },
] as const satisfies readonly {
  /** In URLs (`/uz-Cyrl/e/…`), forms and the database. */
  code: string;
  /** The language's own name for itself. */
  name: string;
  /** BCP 47 tag for `lang` attributes and Intl. */
  html: string;
  dir: "ltr" | "rtl";
  /** The catalogue, split from the browser bundle so that a page loads only its own language. */
  load: () => Promise<{ default: object }>;
}[];
