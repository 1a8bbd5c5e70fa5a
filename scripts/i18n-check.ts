/**
 * `npm run i18n:check`: compares every interface catalogue under i18n/{lang}/ with English.
 *
 * For each language directory other than `en` it reports
 *  - hard errors (exit code 1): ICU syntax errors, placeholders (arguments, tags, select keys) that
 *    differ from English, plural messages missing a CLDR category of the language;
 *  - soft findings (printed only): missing keys, extra keys, text still the same as English, plural
 *    categories the language does not use.
 *
 * Keys are `namespace:path.to.key` (namespace = file name). Text equal to English is expected for
 * some keys (placeholders only, codes, proper names): messages without any letter outside their
 * placeholders are skipped, and i18n/same-as-english.json lists the others per language
 * (`{ "fr": ["common:feeds.scheduleXml"], "*": [...] }`, "*" for every language).
 *
 * `checkCatalogues()` is exported for i18n/catalogues.test.ts.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";

const defaultRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "i18n");

export interface PlaceholderMismatch {
  key: string;
  missing: string[];
  extra: string[];
}
export interface PluralProblem {
  key: string;
  argument: string;
  missing: string[];
  extra: string[];
}
export interface LanguageReport {
  lang: string;
  keys: number;
  missing: string[];
  extra: string[];
  sameAsEnglish: string[];
  syntax: { key: string; error: string }[];
  placeholders: PlaceholderMismatch[];
  /** Plural messages without a category CLDR gives the language (hard) or with one it lacks (soft). */
  plurals: PluralProblem[];
}
export interface CheckResult {
  /** Problems in the English reference itself (syntax): hard errors too. */
  english: { key: string; error: string }[];
  languages: LanguageReport[];
}

type Flat = Map<string, string>;

function flatten(tree: unknown, prefix: string, out: Flat, problems: { key: string; error: string }[]) {
  if (typeof tree !== "object" || tree === null || Array.isArray(tree)) {
    problems.push({ key: prefix, error: "not a JSON object" });
    return;
  }
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix.endsWith(":") ? prefix + key : `${prefix}.${key}`;
    if (typeof value === "string") out.set(name, value);
    else if (typeof value === "object" && value !== null && !Array.isArray(value)) flatten(value, name, out, problems);
    else problems.push({ key: name, error: `value is ${Array.isArray(value) ? "an array" : typeof value}, not text` });
  }
}

/** Every key of every `*.json` of a language directory, as `namespace:path`. */
function loadLanguage(dir: string, problems: { key: string; error: string }[]): Flat {
  const flat: Flat = new Map();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const namespace = file.slice(0, -".json".length);
    let tree: unknown;
    try {
      tree = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
    } catch (error) {
      problems.push({ key: `${namespace}:`, error: `invalid JSON: ${(error as Error).message}` });
      continue;
    }
    flatten(tree, `${namespace}:`, flat, problems);
  }
  return flat;
}

interface Shape {
  /** Argument names, `<tag>` names and `name=select:key` for each select option. */
  placeholders: Set<string>;
  plurals: { argument: string; categories: string[]; ordinal: boolean }[];
  /** Whether any literal text has a letter (else the message is placeholders and punctuation only). */
  hasWords: boolean;
}

function shapeOf(elements: MessageFormatElement[], shape: Shape = { placeholders: new Set(), plurals: [], hasWords: false }): Shape {
  for (const el of elements) {
    switch (el.type) {
      case TYPE.literal:
        if (/\p{L}/u.test(el.value)) shape.hasWords = true;
        break;
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        shape.placeholders.add(el.value);
        break;
      case TYPE.select:
        shape.placeholders.add(el.value);
        for (const [option, { value }] of Object.entries(el.options)) {
          shape.placeholders.add(`${el.value}=select:${option}`);
          shapeOf(value, shape);
        }
        break;
      case TYPE.plural:
        shape.placeholders.add(el.value);
        shape.plurals.push({ argument: el.value, categories: Object.keys(el.options), ordinal: el.pluralType === "ordinal" });
        for (const { value } of Object.values(el.options)) shapeOf(value, shape);
        break;
      case TYPE.tag:
        shape.placeholders.add(`<${el.value}>`);
        shapeOf(el.children, shape);
        break;
      case TYPE.pound:
        break;
    }
  }
  return shape;
}

function parseMessage(message: string): { shape: Shape } | { error: string } {
  try {
    return { shape: shapeOf(parse(message, { requiresOtherClause: true })) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function readAllowlist(root: string): Record<string, string[]> {
  try {
    return JSON.parse(readFileSync(path.join(root, "same-as-english.json"), "utf8")) as Record<string, string[]>;
  } catch {
    return {};
  }
}

export function languagesIn(root = defaultRoot): string[] {
  return readdirSync(root)
    .filter((name) => name !== "en" && !name.startsWith(".") && statSync(path.join(root, name)).isDirectory())
    .sort();
}

export function checkCatalogues(root = defaultRoot, only?: string[]): CheckResult {
  const english: { key: string; error: string }[] = [];
  const en = loadLanguage(path.join(root, "en"), english);
  const enShapes = new Map<string, Shape>();
  for (const [key, message] of en) {
    const parsed = parseMessage(message);
    if ("error" in parsed) english.push({ key, error: parsed.error });
    else enShapes.set(key, parsed.shape);
  }
  const allowlist = readAllowlist(root);
  const languages: LanguageReport[] = [];
  for (const lang of only ?? languagesIn(root)) {
    const report: LanguageReport = { lang, keys: 0, missing: [], extra: [], sameAsEnglish: [], syntax: [], placeholders: [], plurals: [] };
    const catalogue = loadLanguage(path.join(root, lang), report.syntax);
    report.keys = catalogue.size;
    const allowed = new Set([...(allowlist["*"] ?? []), ...(allowlist[lang] ?? [])]);
    let cardinal: Set<string>;
    let ordinal: Set<string>;
    try {
      cardinal = new Set(new Intl.PluralRules(lang).resolvedOptions().pluralCategories);
      ordinal = new Set(new Intl.PluralRules(lang, { type: "ordinal" }).resolvedOptions().pluralCategories);
    } catch {
      cardinal = ordinal = new Set(["other"]);
    }
    for (const key of en.keys()) if (!catalogue.has(key)) report.missing.push(key);
    for (const [key, message] of catalogue) {
      const source = en.get(key);
      if (source === undefined) {
        report.extra.push(key);
        continue;
      }
      const parsed = parseMessage(message);
      if ("error" in parsed) {
        report.syntax.push({ key, error: parsed.error });
        continue;
      }
      const { shape } = parsed;
      const enShape = enShapes.get(key);
      if (enShape) {
        const missing = [...enShape.placeholders].filter((p) => !shape.placeholders.has(p));
        const extra = [...shape.placeholders].filter((p) => !enShape.placeholders.has(p));
        if (missing.length || extra.length) report.placeholders.push({ key, missing, extra });
      }
      for (const plural of shape.plurals) {
        const wanted = plural.ordinal ? ordinal : cardinal;
        const present = plural.categories.filter((c) => !c.startsWith("="));
        const missing = [...wanted].filter((c) => !present.includes(c));
        const extra = present.filter((c) => !wanted.has(c));
        if (missing.length || extra.length) report.plurals.push({ key, argument: plural.argument, missing, extra });
      }
      if (message === source && shape.hasWords && !allowed.has(key)) report.sameAsEnglish.push(key);
    }
    languages.push(report);
  }
  return { english, languages };
}

/** Hard errors of one language: syntax, placeholders, missing plural categories. */
export function hardErrors(report: LanguageReport): string[] {
  return [
    ...report.syntax.map((s) => `${s.key}: ICU syntax error: ${s.error}`),
    ...report.placeholders.map(
      (p) =>
        `${p.key}: placeholders differ from English${p.missing.length ? `; missing ${p.missing.join(", ")}` : ""}${p.extra.length ? `; not in English ${p.extra.join(", ")}` : ""}`,
    ),
    ...report.plurals.filter((p) => p.missing.length).map((p) => `${p.key}: plural {${p.argument}} lacks ${p.missing.join(", ")}`),
  ];
}

export function formatReport(result: CheckResult): string {
  const lines: string[] = [];
  const list = (title: string, items: string[]) => {
    if (!items.length) return;
    lines.push(`  ${title} (${items.length}):`);
    for (const item of items) lines.push(`    - ${item}`);
  };
  if (result.english.length) {
    lines.push("en (reference):");
    list(
      "ERRORS",
      result.english.map((e) => `${e.key}: ${e.error}`),
    );
  }
  for (const report of result.languages) {
    const hard = hardErrors(report);
    const soft = report.missing.length + report.extra.length + report.sameAsEnglish.length + report.plurals.filter((p) => p.extra.length).length;
    lines.push(
      `${report.lang}: ${report.keys} keys, ${hard.length} errors, ${report.missing.length} missing, ${report.extra.length} extra, ${report.sameAsEnglish.length} same as English`,
    );
    list("ERRORS", hard);
    list("missing keys", report.missing);
    list("extra keys (not in English)", report.extra);
    list("same text as English", report.sameAsEnglish);
    list(
      "plural categories the language does not use",
      report.plurals.filter((p) => p.extra.length).map((p) => `${p.key}: {${p.argument}} ${p.extra.join(", ")}`),
    );
    if (!hard.length && !soft) lines.push("  all good");
  }
  return lines.join("\n");
}

export function hasHardErrors(result: CheckResult): boolean {
  return result.english.length > 0 || result.languages.some((r) => hardErrors(r).length > 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const only = process.argv.slice(2);
  const result = checkCatalogues(defaultRoot, only.length ? only : undefined);
  console.log(formatReport(result));
  process.exit(hasHardErrors(result) ? 1 : 0);
}
