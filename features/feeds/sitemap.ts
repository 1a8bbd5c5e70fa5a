import type { DbOrTx } from "../../db/index.ts";
import { htmlLang, interfaceLanguages } from "../../i18n/index.ts";
import { listLibrary } from "../documents/queries.ts";
import { publicReader } from "../documents/reader.ts";
import { symbolPath } from "../documents/symbols.ts";
import { listPublishedEvents, loadEventParts } from "../events/queries.ts";
import { loadProgramme } from "../programme/queries.ts";
import { xmlEscape } from "./schedule-xml.ts";

interface Entry {
  /** Path after `/{lang}`, e.g. `/e/tashkent-2022/programme`. */
  path: string;
  languages: readonly string[];
  defaultLang: string;
  lastmod?: Date;
}

/**
 * Every public page of every published event, in each language it is offered in (the event's
 * content languages and the interface languages), each URL listing its other languages as
 * `xhtml:link rel="alternate"` so search engines show the right one.
 */
export async function sitemapXml(db: DbOrTx, publicUrl: string): Promise<string> {
  const entries: Entry[] = [{ path: "", languages: interfaceLanguages, defaultLang: "en" }];
  for (const event of await listPublishedEvents(db)) {
    const [parts, programme, library] = await Promise.all([loadEventParts(db, event.id), loadProgramme(db, event.id), listLibrary(db, event, publicReader)]);
    const languages = [...new Set([...event.languages, ...interfaceLanguages])];
    const base = `/e/${event.slug}`;
    const entry = (path: string, lastmod: Date = event.updatedAt): Entry => ({ path: `${base}${path}`, languages, defaultLang: event.languages[0], lastmod });
    const speaking = new Set(programme.sessions.flatMap((s) => s.people.map((p) => p.personId)));
    entries.push(
      entry(""),
      entry("/programme"),
      ...programme.sessions.map((s) => entry(`/programme/${s.id}`, s.updatedAt)),
      entry("/speakers"),
      ...programme.persons.filter((p) => speaking.has(p.id)).map((p) => entry(`/speakers/${p.id}`)),
      entry("/participants"),
      ...parts.pages.map((page) => entry(`/pages/${encodeURIComponent(page.slug)}`)),
      entry("/documents"),
      ...library.map((d) => entry(`/documents/${symbolPath(d.symbol)}`, d.updatedAt)),
    );
  }
  const url = (lang: string, path: string) => xmlEscape(`${publicUrl}/${lang}${path}`);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    `  <url><loc>${xmlEscape(`${publicUrl}/`)}</loc></url>`,
  ];
  for (const entry of entries) {
    const alternates = [
      ...entry.languages.map((lang) => `    <xhtml:link rel="alternate" hreflang="${htmlLang(lang)}" href="${url(lang, entry.path)}"/>`),
      `    <xhtml:link rel="alternate" hreflang="x-default" href="${url(entry.defaultLang, entry.path)}"/>`,
    ];
    for (const lang of entry.languages) {
      lines.push("  <url>", `    <loc>${url(lang, entry.path)}</loc>`);
      if (entry.lastmod) lines.push(`    <lastmod>${entry.lastmod.toISOString().slice(0, 10)}</lastmod>`);
      lines.push(...alternates, "  </url>");
    }
  }
  lines.push("</urlset>", "");
  return lines.join("\n");
}

export function robotsTxt(publicUrl: string): string {
  return ["User-agent: *", "Allow: /", "Disallow: /admin", "Disallow: /api", "", `Sitemap: ${publicUrl}/sitemap.xml`, ""].join("\n");
}
