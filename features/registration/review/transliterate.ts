import { type SQL, sql } from "drizzle-orm";

/**
 * Names across scripts: "Сергей Иванов", "Sergey Ivanov" and "Sergei Ivanov" fold to one key, so search and
 * duplicate detection find each as the others.
 *
 * Cyrillic is romanised as ICAO Doc 9303 does for passports (Й → I, Ю → IU, Я → IA, Х → KH, Ц → TS,
 * Щ → SHCH, Ь dropped); the Uzbek letters as the Uzbek Latin alphabet writes them (Ў → O, Қ → Q, Ғ → G,
 * Ҳ → H, apostrophes and ʻ dropped). Then every y becomes i, so that the common spellings with Y (Sergey,
 * Yulia) meet ICAO's (Sergei, Iulia). The same steps exist twice, here for the text typed into a search and
 * in SQL for the stored key (a generated column): `translitKey` and `translitKeySql` must stay in step (a
 * test compares them).
 */
const multi: [string, string][] = [
  ["щ", "shch"],
  ["ж", "zh"],
  ["х", "kh"],
  ["ц", "ts"],
  ["ч", "ch"],
  ["ш", "sh"],
  ["ю", "iu"],
  ["я", "ia"],
  ["ъ", "ie"],
  ["ь", ""],
];
const single = ["абвгдеёзийклмнопрстуфыэўқғҳ", "abvgdeeziiklmnoprstufyeoqgh"] as const;

export function translitKey(text: string): string {
  let s = text.normalize("NFKC").toLowerCase();
  for (const [from, to] of multi) s = s.replaceAll(from, to);
  s = [...s]
    .map((ch) => {
      const i = single[0].indexOf(ch);
      return i === -1 ? ch : single[1][i];
    })
    .join("");
  return s
    .replaceAll("y", "i")
    .replace(/['ʻʼ’`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function translitKeySql(value: SQL): SQL {
  let s = sql`lower(normalize(${value}, NFKC))`;
  for (const [from, to] of multi) s = sql`replace(${s}, ${sql.raw(`'${from}'`)}, ${sql.raw(`'${to}'`)})`;
  s = sql`translate(${s}, ${sql.raw(`'${single[0]}'`)}, ${sql.raw(`'${single[1]}'`)})`;
  s = sql`replace(${s}, 'y', 'i')`;
  s = sql`regexp_replace(${s}, '[''ʻʼ’\`]', '', 'g')`;
  return sql`btrim(regexp_replace(${s}, '[^[:alnum:]]+', ' ', 'g'))`;
}

/** The stored key: the Latin names and the names in the person's own script, each transliterated. */
export const translitNamesKey = translitKeySql(
  sql`given_name || ' ' || family_name || ' ' || coalesce(given_name_local, '') || ' ' || coalesce(family_name_local, '')`,
);
