import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import type { Localized } from "../shared/localized.ts";
import { categories, type StandardField } from "./schema.ts";

interface DefaultCategory {
  code: string;
  letter: string;
  colour: string;
  name: Localized;
  requiredFields: StandardField[];
  openRegistration?: boolean;
  attendance?: "in_person" | "online";
}

const idData: StandardField[] = ["position", "organisation", "nationality", "idDocument", "birthDate", "photo"];

/** What a new event starts with; organisers rename, recolour, add and remove. */
export const defaultCategories: DefaultCategory[] = [
  { code: "hod", letter: "H", colour: "#8b1a1a", requiredFields: idData, name: { en: "Head of Delegation", ru: "Глава делегации", uz: "Delegatsiya rahbari" } },
  { code: "delegate", letter: "D", colour: "#1f4e79", requiredFields: idData, name: { en: "Delegate", ru: "Делегат", uz: "Delegat" } },
  { code: "observer", letter: "O", colour: "#5b3a8c", requiredFields: idData, name: { en: "Observer", ru: "Наблюдатель", uz: "Kuzatuvchi" } },
  {
    code: "organisation",
    letter: "I",
    colour: "#006d6f",
    requiredFields: idData,
    name: { en: "International/Regional Organisation", ru: "Международная/региональная организация", uz: "Xalqaro/mintaqaviy tashkilot" },
  },
  { code: "expert", letter: "E", colour: "#2e6b30", requiredFields: ["position", "organisation"], name: { en: "Expert", ru: "Эксперт", uz: "Ekspert" } },
  {
    code: "civil_society",
    letter: "C",
    colour: "#8a5a00",
    requiredFields: ["organisation"],
    openRegistration: true,
    name: { en: "Civil Society", ru: "Гражданское общество", uz: "Fuqarolik jamiyati" },
  },
  {
    code: "media",
    letter: "M",
    colour: "#b03a2e",
    requiredFields: ["organisation", "idDocument", "photo"],
    openRegistration: true,
    name: { en: "Media", ru: "СМИ", uz: "OAV" },
  },
  {
    code: "staff",
    letter: "S",
    colour: "#444444",
    requiredFields: ["photo"],
    name: { en: "Organiser Staff", ru: "Персонал организаторов", uz: "Tashkilotchi xodimlari" },
  },
  {
    code: "security",
    letter: "T",
    colour: "#222222",
    requiredFields: ["idDocument", "photo"],
    name: { en: "Technical/Security", ru: "Технический персонал/безопасность", uz: "Texnik xodimlar/xavfsizlik" },
  },
];

/**
 * Gives an event the default categories if it has none. Open registration starts closed: the secretariat
 * opens the categories it wants (the demo opens civil society and media, as the reference conference did).
 */
export async function ensureDefaultCategories(tx: DbOrTx, eventId: number, options: { openRegistration?: boolean } = {}): Promise<void> {
  const existing = await tx.select({ id: categories.id }).from(categories).where(eq(categories.eventId, eventId)).limit(1);
  if (existing.length > 0) return;
  await tx
    .insert(categories)
    .values(
      defaultCategories.map((c, position) => ({
        eventId,
        code: c.code,
        letter: c.letter,
        colour: c.colour,
        name: c.name,
        requiredFields: c.requiredFields,
        openRegistration: (options.openRegistration ?? false) && (c.openRegistration ?? false),
        attendance: c.attendance ?? "in_person",
        position,
      })),
    )
    .onConflictDoNothing();
}
