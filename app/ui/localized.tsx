import { createElement, type ReactNode } from "react";
import { type Localized, resolveText } from "../../features/shared/localized.ts";
import { htmlLang, textDirection } from "../../i18n/index.ts";

export interface LocalizeContext {
  lang: string;
  fallbacks: readonly string[];
  /** The language of the document around the text, when it is not `lang` (a German page with an English interface). */
  documentLang?: string;
}

/**
 * Organisers' text in the page's language, else the event's default. A fallback is marked with its own
 * `lang`, so screen readers and hyphenation read it right.
 */
export function L({
  value,
  ctx,
  as = "span",
  className,
}: {
  value: Localized | null | undefined;
  ctx: LocalizeContext;
  as?: string;
  className?: string;
}): ReactNode {
  const resolved = resolveText(value, ctx.lang, ctx.fallbacks);
  const props: Record<string, string> = {};
  if (className) props.className = className;
  const around = ctx.documentLang ?? ctx.lang;
  if (resolved.lang !== around) {
    props.lang = htmlLang(resolved.lang);
    if (textDirection(resolved.lang) !== textDirection(around)) props.dir = textDirection(resolved.lang);
  }
  if (as === "span" && !props.lang && !className) return resolved.text;
  return createElement(as, props, resolved.text);
}

export function text(value: Localized | null | undefined, ctx: LocalizeContext): string {
  return resolveText(value, ctx.lang, ctx.fallbacks).text;
}
