import { useMemo } from "react";
import { useRouteLoaderData } from "react-router";
import type { DateNames } from "../i18n/date-names.ts";
import { createTranslator, type Translate } from "../i18n/index.ts";

export interface RootData {
  uiLang: string;
  htmlLang: string;
  dir: "ltr" | "rtl";
  /** The nonce of the page's scripts (staff pages). */
  nonce?: string;
  /** How the interface language lays out dates, when browsers may lack it (i18n/date-names.ts). */
  dateNames?: DateNames;
}

/** The translator of the page's interface language (chosen by the root loader). */
export function useT(): Translate {
  const root = useRouteLoaderData("root") as RootData | undefined;
  const lang = root?.uiLang ?? "en";
  return useMemo(() => createTranslator(lang), [lang]);
}

export function useUiLang(): string {
  return (useRouteLoaderData("root") as RootData | undefined)?.uiLang ?? "en";
}

/**
 * The translator of a page's `meta` (titles): the root loader's interface language, so a German page's title
 * falls back to the event's choice like the rest of its interface.
 */
export function metaTranslator(matches: ReadonlyArray<{ id: string; loaderData?: unknown } | undefined>): Translate {
  const root = matches.find((m) => m?.id === "root")?.loaderData as RootData | undefined;
  return createTranslator(root?.uiLang ?? "en");
}
