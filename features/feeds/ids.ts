import { createHash } from "node:crypto";

/** The RFC 4122 namespace for URLs. */
const urlNamespace = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

/** A name-based (version 5, SHA-1) UUID: the same name in the same namespace gives the same UUID on every export. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash("sha1")
    .update(Buffer.from(namespace.replace(/-/g, ""), "hex"))
    .update(name, "utf8")
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Identifiers of one instance: guids live in a namespace derived from PUBLIC_URL, so two instances
 * never collide and one instance keeps its guids as long as its address stays.
 */
export function instanceIds(publicUrl: string) {
  const namespace = uuidV5(publicUrl, urlNamespace);
  return {
    session: (id: number) => uuidV5(`session:${id}`, namespace),
    room: (id: number) => uuidV5(`room:${id}`, namespace),
    person: (id: number) => uuidV5(`person:${id}`, namespace),
    /** For a stand-in entry that has no row (sessions without a room). */
    named: (name: string) => uuidV5(`name:${name}`, namespace),
    host: new URL(publicUrl).host,
  };
}

/**
 * The schedule formats allow no hyphen in an acronym (`tashkent-2022` → `tashkent_2022`)
 * and want at least four characters.
 */
export function scheduleAcronym(slug: string): string {
  return slug.replace(/-/g, "_").padEnd(4, "_");
}

const cyrillic: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "i",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
  ў: "u",
  қ: "q",
  ғ: "g",
  ҳ: "h",
  ә: "a",
  ө: "o",
  ү: "u",
  ұ: "u",
  ң: "n",
  і: "i",
};

/** Lowercase ASCII words joined by hyphens, at most `max` characters; empty when nothing Latin remains. */
export function asciiSlug(text: string, max = 50): string {
  const latin = [...text.toLowerCase()]
    .map((ch) => cyrillic[ch] ?? ch)
    .join("")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    // Uzbek and English apostrophes are part of the word (Oʻzbekiston → ozbekiston).
    .replace(/[\u02bb\u02bc'\u2019`]/g, "");
  const slug = latin.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  return (cut.includes("-") ? cut.slice(0, cut.lastIndexOf("-")) : cut).replace(/-+$/, "");
}

/** Slugs of tracks as both schedule formats accept them (`[a-z][a-z0-9-]+`, not ending in a hyphen). */
export function isScheduleSlug(slug: string): boolean {
  return /^[a-z][a-z0-9-]*[a-z0-9]$/.test(slug);
}
