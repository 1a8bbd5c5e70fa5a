// Delegations and participants of the demo conference, so the registration lists look alive. Every person
// here is fictional: names are drawn from small lists of common given and family names, focal points say
// "(fictional)", and every address is at example.org. No email is sent and no link is made for them.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/index.ts";
import { zonedToUtc } from "../../i18n/format.ts";
import { ensureDefaultCategories } from "../registration/default-categories.ts";
import { categories, delegations, formFields, participants, type RegistrationStatus } from "../registration/schema.ts";
import type { Localized } from "../shared/localized.ts";
import { demoEvent, demoOrganisations } from "./content.ts";

type Gender = "m" | "f";
/** Given name: Latin, own script (null when Latin is the person's own), gender for the family name's form. */
type Given = [latin: string, local: string | null, gender: Gender];
/** Family name: masculine and feminine forms, Latin then own script. */
type Family = [m: string, f: string, mLocal: string | null, fLocal: string | null];

const same = (name: string): Family => [name, name, null, null];

const names: Record<string, { given: Given[]; family: Family[] }> = {
  KZ: {
    given: [
      ["Aigerim", "Айгерим", "f"],
      ["Daniyar", "Данияр", "m"],
      ["Saule", "Сауле", "f"],
      ["Nurlan", "Нурлан", "m"],
      ["Aliya", "Алия", "f"],
      ["Yerzhan", "Ержан", "m"],
      ["Madina", "Мадина", "f"],
      ["Askar", "Аскар", "m"],
      ["Dana", "Дана", "f"],
    ],
    family: [
      ["Tulegenov", "Tulegenova", "Тулегенов", "Тулегенова"],
      ["Zhumabayev", "Zhumabayeva", "Жумабаев", "Жумабаева"],
      ["Sarsenov", "Sarsenova", "Сарсенов", "Сарсенова"],
      ["Beisenov", "Beisenova", "Бейсенов", "Бейсенова"],
      ["Kaliyev", "Kaliyeva", "Калиев", "Калиева"],
    ],
  },
  KG: {
    given: [
      ["Aibek", "Айбек", "m"],
      ["Gulnara", "Гульнара", "f"],
      ["Bakyt", "Бакыт", "m"],
      ["Nazgul", "Назгуль", "f"],
      ["Emil", "Эмиль", "m"],
      ["Aizada", "Айзада", "f"],
      ["Ulan", "Улан", "m"],
      ["Cholpon", "Чолпон", "f"],
      ["Timur", "Тимур", "m"],
    ],
    family: [
      ["Abdyldayev", "Abdyldayeva", "Абдылдаев", "Абдылдаева"],
      ["Osmonov", "Osmonova", "Осмонов", "Осмонова"],
      ["Mamatkulov", "Mamatkulova", "Маматкулов", "Маматкулова"],
      ["Asanaliyev", "Asanaliyeva", "Асаналиев", "Асаналиева"],
      ["Duishenov", "Duishenova", "Дуйшенов", "Дуйшенова"],
    ],
  },
  TJ: {
    given: [
      ["Farrukh", "Фаррух", "m"],
      ["Manizha", "Манижа", "f"],
      ["Jamshed", "Джамшед", "m"],
      ["Nilufar", "Нилуфар", "f"],
      ["Behruz", "Бехруз", "m"],
      ["Firuza", "Фируза", "f"],
      ["Sorbon", "Сорбон", "m"],
      ["Zarina", "Зарина", "f"],
      ["Davron", "Даврон", "m"],
    ],
    family: [
      ["Saidzoda", "Saidzoda", "Саидзода", "Саидзода"],
      ["Karimzoda", "Karimzoda", "Каримзода", "Каримзода"],
      ["Sharifzoda", "Sharifzoda", "Шарифзода", "Шарифзода"],
      ["Nurzoda", "Nurzoda", "Нурзода", "Нурзода"],
      ["Davlatzoda", "Davlatzoda", "Давлатзода", "Давлатзода"],
    ],
  },
  TM: {
    given: [
      ["Merdan", "Мердан", "m"],
      ["Ogulgerek", "Огулгерек", "f"],
      ["Bayram", "Байрам", "m"],
      ["Aylar", "Айлар", "f"],
      ["Dovlet", "Довлет", "m"],
      ["Jeren", "Джерен", "f"],
      ["Maksat", "Максат", "m"],
      ["Gulshat", "Гульшат", "f"],
      ["Kerim", "Керим", "m"],
    ],
    family: [
      ["Annayev", "Annayeva", "Аннаев", "Аннаева"],
      ["Orazov", "Orazova", "Оразов", "Оразова"],
      ["Atayev", "Atayeva", "Атаев", "Атаева"],
      ["Charyyev", "Charyyeva", "Чарыев", "Чарыева"],
      ["Hojamuradov", "Hojamuradova", "Ходжамурадов", "Ходжамурадова"],
    ],
  },
  UZ: {
    given: [
      ["Dilshod", null, "m"],
      ["Malika", null, "f"],
      ["Sherzod", null, "m"],
      ["Nodira", null, "f"],
      ["Bekzod", null, "m"],
      ["Gulnoza", null, "f"],
      ["Otabek", null, "m"],
      ["Shahnoza", null, "f"],
      ["Jasur", null, "m"],
    ],
    family: [
      ["Tursunov", "Tursunova", null, null],
      ["Ergashev", "Ergasheva", null, null],
      ["Qodirov", "Qodirova", null, null],
      ["Xolmatov", "Xolmatova", null, null],
      ["Nematov", "Nematova", null, null],
    ],
  },
  international: {
    given: [
      ["Anna", null, "f"],
      ["Thomas", null, "m"],
      ["Elena", null, "f"],
      ["Marco", null, "m"],
      ["Sofia", null, "f"],
      ["Lukas", null, "m"],
      ["Amira", null, "f"],
      ["Jean", null, "m"],
      ["Irina", null, "f"],
      ["David", null, "m"],
      ["Leila", null, "f"],
      ["Pavel", null, "m"],
      ["Hanna", null, "f"],
      ["Omar", null, "m"],
      ["Maria", null, "f"],
      ["Kenji", null, "m"],
    ],
    family: [
      "Keller",
      "Rossi",
      "Novak",
      "Haddad",
      "Lindqvist",
      "Moreau",
      "Fischer",
      "Costa",
      "Walsh",
      "Okafor",
      "Brandt",
      "Varga",
      "Dubois",
      "Jensen",
      "Sato",
      "Marin",
      "Quinn",
    ].map(same),
  },
};

/** The n-th fictional person of a pool: given names in order, family names stepped so pairs do not repeat. */
function person(pool: keyof typeof names, n: number) {
  const { given, family } = names[pool];
  const [givenName, givenNameLocal, gender] = given[n % given.length];
  const [m, f, mLocal, fLocal] = family[(n * 2 + Math.floor(n / given.length)) % family.length];
  return {
    givenName,
    familyName: gender === "m" ? m : f,
    givenNameLocal,
    familyNameLocal: givenNameLocal ? (gender === "m" ? mLocal : fLocal) : null,
    honorific: gender === "m" ? "Mr" : "Ms",
  };
}

const ascii = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[^a-zA-Z]/g, "")
    .toLowerCase();

interface DemoDelegation {
  key: string;
  kind: "state" | "organisation";
  country: string | null;
  name: Localized;
  quota: number;
  focalPoint: string;
  focalPointLang: "en" | "ru";
  /** Member statuses after the head (who is approved); their count is the delegation's size. */
  members: RegistrationStatus[];
  /** Languages members read their emails in, in turn. */
  langs: ("en" | "ru" | "uz")[];
  /** Country of organisation staff, in turn (a State's members take its country). */
  nationalities?: string[];
}

const orgName = (key: string) => demoOrganisations.find((o) => o.key === key)!.name;

const demoDelegations: DemoDelegation[] = [
  {
    key: "KZ",
    kind: "state",
    country: "KZ",
    quota: 12,
    focalPoint: "Aigerim Sarsenova (fictional)",
    focalPointLang: "ru",
    langs: ["ru", "ru", "en"],
    name: { en: "Republic of Kazakhstan", ru: "Республика Казахстан", uz: "Qozogʻiston Respublikasi" },
    members: ["approved", "approved", "pending", "approved", "pending", "withdrawn", "pending", "approved"],
  },
  {
    key: "KG",
    kind: "state",
    country: "KG",
    quota: 10,
    focalPoint: "Bakyt Osmonov (fictional)",
    focalPointLang: "ru",
    langs: ["ru", "en", "ru"],
    name: { en: "Kyrgyz Republic", ru: "Кыргызская Республика", uz: "Qirgʻiz Respublikasi" },
    members: ["approved", "pending", "pending", "approved", "pending", "cancelled", "pending"],
  },
  {
    key: "TJ",
    kind: "state",
    country: "TJ",
    quota: 10,
    focalPoint: "Nilufar Karimzoda (fictional)",
    focalPointLang: "ru",
    langs: ["ru", "ru", "en"],
    name: { en: "Republic of Tajikistan", ru: "Республика Таджикистан", uz: "Tojikiston Respublikasi" },
    members: ["approved", "approved", "approved", "pending", "withdrawn", "pending", "pending", "rejected"],
  },
  {
    key: "TM",
    kind: "state",
    country: "TM",
    quota: 8,
    focalPoint: "Maksat Orazov (fictional)",
    focalPointLang: "en",
    langs: ["ru", "en"],
    name: { en: "Turkmenistan", ru: "Туркменистан", uz: "Turkmaniston" },
    members: ["pending", "pending", "approved", "pending", "pending", "pending"],
  },
  {
    key: "UZ",
    kind: "state",
    country: "UZ",
    quota: 15,
    focalPoint: "Nodira Ergasheva (fictional)",
    focalPointLang: "ru",
    langs: ["uz", "ru", "uz", "en"],
    name: { en: "Republic of Uzbekistan", ru: "Республика Узбекистан", uz: "Oʻzbekiston Respublikasi" },
    members: ["approved", "approved", "approved", "approved", "pending", "pending", "approved", "withdrawn", "pending", "pending"],
  },
  {
    key: "unoct",
    kind: "organisation",
    country: null,
    quota: 6,
    focalPoint: "Anna Keller (fictional)",
    focalPointLang: "en",
    langs: ["en", "en", "ru"],
    name: orgName("unoct"),
    members: ["approved", "pending", "approved", "pending"],
    nationalities: ["DE", "KE", "FR", "KZ", "CA"],
  },
  {
    key: "osce",
    kind: "organisation",
    country: null,
    quota: 5,
    focalPoint: "Lukas Brandt (fictional)",
    focalPointLang: "en",
    langs: ["en", "ru"],
    name: orgName("osce"),
    members: ["approved", "pending", "withdrawn"],
    nationalities: ["AT", "PL", "KG", "IT"],
  },
  {
    key: "rats",
    kind: "organisation",
    country: null,
    quota: 5,
    focalPoint: "Pavel Novak (fictional)",
    focalPointLang: "ru",
    langs: ["ru"],
    name: orgName("rats"),
    members: ["approved", "pending", "pending"],
    nationalities: ["UZ", "KZ", "TJ", "KG"],
  },
  {
    key: "unrcca",
    kind: "organisation",
    country: null,
    quota: 4,
    focalPoint: "Sofia Marin (fictional)",
    focalPointLang: "en",
    langs: ["en", "ru"],
    name: orgName("unrcca"),
    members: ["approved", "approved", "pending"],
    nationalities: ["TM", "SE", "TJ"],
  },
];

/** People without a delegation: experts, journalists and civil society, registered one by one. */
const individuals: {
  category: string;
  status: RegistrationStatus;
  lang: "en" | "ru" | "uz";
  country: string;
  pool: keyof typeof names;
  organisation: string;
  position: string;
  reason?: string;
}[] = [
  {
    category: "expert",
    status: "approved",
    lang: "en",
    country: "GB",
    pool: "international",
    organisation: "Centre for Security Studies (demo)",
    position: "Senior Fellow",
  },
  { category: "expert", status: "approved", lang: "ru", country: "KZ", pool: "KZ", organisation: "Regional think tank (demo)", position: "Analyst" },
  { category: "expert", status: "pending", lang: "uz", country: "UZ", pool: "UZ", organisation: "University (demo)", position: "Associate Professor" },
  {
    category: "expert",
    status: "pending",
    lang: "en",
    country: "NO",
    pool: "international",
    organisation: "Peace Research Institute (demo)",
    position: "Researcher",
  },
  { category: "expert", status: "waitlisted", lang: "ru", country: "TJ", pool: "TJ", organisation: "Academy of Sciences (demo)", position: "Research Fellow" },
  {
    category: "expert",
    status: "rejected",
    lang: "en",
    country: "US",
    pool: "international",
    organisation: "Consultancy (demo)",
    position: "Consultant",
    reason: "The panel has no place for further speakers (demo).",
  },
  { category: "media", status: "approved", lang: "en", country: "FR", pool: "international", organisation: "News agency (demo)", position: "Correspondent" },
  { category: "media", status: "approved", lang: "uz", country: "UZ", pool: "UZ", organisation: "National television (demo)", position: "Reporter" },
  { category: "media", status: "approved", lang: "ru", country: "KG", pool: "KG", organisation: "Online newspaper (demo)", position: "Editor" },
  { category: "media", status: "waitlisted", lang: "ru", country: "KZ", pool: "KZ", organisation: "Radio station (demo)", position: "Journalist" },
  { category: "media", status: "pending", lang: "en", country: "DE", pool: "international", organisation: "Weekly magazine (demo)", position: "Photographer" },
  {
    category: "media",
    status: "rejected",
    lang: "en",
    country: "GB",
    pool: "international",
    organisation: "Blog (demo)",
    position: "Author",
    reason: "No press credentials were provided (demo).",
  },
  { category: "civil_society", status: "approved", lang: "uz", country: "UZ", pool: "UZ", organisation: "Youth initiative (demo)", position: "Coordinator" },
  { category: "civil_society", status: "approved", lang: "ru", country: "TM", pool: "TM", organisation: "Women's association (demo)", position: "Chair" },
  {
    category: "civil_society",
    status: "pending",
    lang: "en",
    country: "KG",
    pool: "KG",
    organisation: "Human rights foundation (demo)",
    position: "Programme Manager",
  },
  { category: "civil_society", status: "waitlisted", lang: "ru", country: "TJ", pool: "TJ", organisation: "Community network (demo)", position: "Volunteer" },
  {
    category: "civil_society",
    status: "withdrawn",
    lang: "en",
    country: "NL",
    pool: "international",
    organisation: "International NGO (demo)",
    position: "Advocacy Officer",
  },
];

const statePositions = [
  "Deputy Minister",
  "Ambassador",
  "Counsellor",
  "First Secretary",
  "Head of Division",
  "Senior Officer",
  "Adviser",
  "Second Secretary",
  "Attaché",
];
const stateBodies = ["Ministry of Foreign Affairs", "Ministry of Internal Affairs", "Security Council", "Prosecutor General's Office", "Ministry of Justice"];
const orgPositions = ["Director", "Programme Officer", "Political Affairs Officer", "Project Coordinator", "Associate Expert"];

type Row = typeof participants.$inferInsert;

/** Delegations, their members and individual registrations of the demo event, in the seeding transaction. */
export async function seedDemoRegistrations(tx: Tx, eventId: number): Promise<void> {
  await ensureDefaultCategories(tx, eventId, { openRegistration: true });
  const cats = Object.fromEntries(
    (await tx.select({ id: categories.id, code: categories.code }).from(categories).where(eq(categories.eventId, eventId))).map((c) => [c.code, c.id]),
  );
  const deadline = zonedToUtc(`2022-02-20T18:00`, demoEvent.timezone)!;
  // Registrations arrive over the six weeks before the conference, so charts "over time" have a shape.
  let serial = 0;
  const createdAt = () => new Date(Date.parse("2022-01-17T05:00:00Z") + ((serial++ * 37) % 41) * 86_400_000 + serial * 3_600_000);
  const used = new Map<string, number>();
  const next = (pool: keyof typeof names) => {
    const n = used.get(pool) ?? 0;
    used.set(pool, n + 1);
    return person(pool, n);
  };
  const email = (p: { givenName: string; familyName: string }, tag: string, n: number) =>
    `${ascii(p.givenName)}.${ascii(p.familyName)}.${tag}${n}.demo@example.org`;

  for (const d of demoDelegations) {
    const [delegation] = await tx
      .insert(delegations)
      .values({
        eventId,
        kind: d.kind,
        country: d.country,
        name: d.name,
        quota: d.quota,
        deadline,
        defaultCategoryId: d.kind === "state" ? cats.delegate : cats.organisation,
        focalPointName: d.focalPoint,
        focalPointEmail: `${d.key.toLowerCase()}.focalpoint.demo@example.org`,
        focalPointLang: d.focalPointLang,
      })
      .returning({ id: delegations.id });
    const pool = d.kind === "state" ? (d.key as keyof typeof names) : "international";
    const statuses: RegistrationStatus[] = ["approved", ...d.members];
    const rows: Row[] = statuses.map((status, i) => {
      const p = next(pool);
      const head = i === 0;
      return {
        eventId,
        delegationId: delegation.id,
        categoryId: head ? cats.hod : d.kind === "state" ? cats.delegate : cats.organisation,
        status,
        statusReason: status === "rejected" ? "Nominated twice by mistake (demo)." : null,
        ...p,
        email: email(p, d.key.toLowerCase(), i + 1),
        country: d.country ?? d.nationalities![i % d.nationalities!.length],
        position: head
          ? d.kind === "state"
            ? "Head of Delegation"
            : "Head of Office"
          : (d.kind === "state" ? statePositions : orgPositions)[i % (d.kind === "state" ? statePositions.length : orgPositions.length)],
        organisation: d.kind === "state" ? stateBodies[i % stateBodies.length] : (d.name.en ?? ""),
        lang: d.langs[i % d.langs.length],
        consentList: i % 4 !== 3,
        consentData: true,
        createdAt: createdAt(),
      };
    });
    const members = await tx.insert(participants).values(rows).returning({ id: participants.id });
    await tx
      .update(delegations)
      .set({ headParticipantId: members[0].id })
      .where(and(eq(delegations.id, delegation.id), eq(delegations.eventId, eventId)));
  }

  await tx.insert(participants).values(
    individuals.map((x, i) => {
      const p = next(x.pool);
      return {
        eventId,
        categoryId: cats[x.category],
        status: x.status,
        statusReason: x.reason ?? null,
        ...p,
        email: email(p, x.category.replace("_", ""), i + 1),
        country: x.country,
        position: x.position,
        organisation: x.organisation,
        lang: x.lang,
        consentList: i % 3 !== 2,
        consentData: true,
        createdAt: createdAt(),
      } satisfies Row;
    }),
  );
  // Two delegates who also registered openly with a personal address: same names and country, another
  // email. The duplicates page (features/registration/review/duplicates.ts) offers to merge them.
  await tx.insert(participants).values(
    twiceRegistered.map((x) => {
      const p = person(x.pool, x.member);
      return {
        eventId,
        categoryId: cats[x.category],
        status: "pending" as const,
        ...p,
        email: `${ascii(p.givenName)}.${ascii(p.familyName)}.personal.demo@example.org`,
        country: x.pool,
        position: x.position,
        organisation: x.organisation,
        lang: x.lang,
        consentList: false,
        consentData: true,
        createdAt: createdAt(),
      } satisfies Row;
    }),
  );
  await seedDemoQuestions(tx, eventId);
}

/** Members of the KZ and UZ delegations (their n-th person, nominated as member n + 1) registered a second time. */
const twiceRegistered = [
  { pool: "KZ", member: 3, category: "expert", organisation: "Regional think tank (demo)", position: "Analyst", lang: "ru" },
  { pool: "UZ", member: 5, category: "civil_society", organisation: "Youth initiative (demo)", position: "Volunteer", lang: "uz" },
] as const;

/** The side events of the demo programme (content.ts), as the options of a question. */
const sideEventOptions = [
  {
    value: "rats",
    label: {
      en: "SCO RATS and the Joint Plan of Action (3 March, 17:00)",
      ru: "РАТС ШОС и Совместный план действий (3 марта, 17:00)",
      uz: "ShHT MATT va Qoʻshma harakatlar rejasi (3-mart, 17:00)",
    },
  },
  {
    value: "osce",
    label: {
      en: "Women and children returning from conflict zones (3 March, 17:00)",
      ru: "Женщины и дети, возвращающиеся из зон конфликтов (3 марта, 17:00)",
      uz: "Mojaro hududlaridan qaytgan ayollar va bolalar (3-mart, 17:00)",
    },
  },
  {
    value: "unoct",
    label: {
      en: "Financing counter-terrorism programmes (4 March, 09:00)",
      ru: "Финансирование программ противодействия терроризму (4 марта, 09:00)",
      uz: "Aksilterror dasturlarini moliyalashtirish (4-mart, 09:00)",
    },
  },
];

/** Two questions of the demo's own, in its three languages, and the answers of some of its people. */
async function seedDemoQuestions(tx: Tx, eventId: number): Promise<void> {
  await tx.insert(formFields).values([
    {
      eventId,
      key: "side_events",
      type: "multi_choice",
      position: 0,
      options: sideEventOptions,
      label: { en: "Will you attend the side events?", ru: "Будете ли вы участвовать в параллельных мероприятиях?", uz: "Yondosh tadbirlarda qatnashasizmi?" },
      help: {
        en: "Tick those you plan to attend, so that the rooms can be prepared.",
        ru: "Отметьте те, в которых собираетесь участвовать, чтобы подготовить залы.",
        uz: "Zallarni tayyorlash uchun qatnashmoqchi boʻlganlaringizni belgilang.",
      },
    },
    {
      eventId,
      key: "visa_letter",
      type: "yes_no",
      position: 1,
      label: {
        en: "Do you need a visa support letter?",
        ru: "Нужно ли вам письмо-поддержка для получения визы?",
        uz: "Viza olish uchun qoʻllab-quvvatlash xati kerakmi?",
      },
    },
  ]);
  // Every other person answered; a few want a visa letter, most plan a side event or two.
  const people = await tx
    .select({ id: participants.id, country: participants.country })
    .from(participants)
    .where(eq(participants.eventId, eventId))
    .orderBy(asc(participants.id));
  const answered = new Map<string, number[]>();
  for (const [i, p] of people.entries()) {
    if (i % 2 === 1) continue;
    const custom = JSON.stringify({
      side_events: sideEventOptions.filter((_, n) => (i + n) % 3 !== 0).map((o) => o.value),
      visa_letter: p.country !== "UZ" && i % 3 === 0,
    });
    answered.set(custom, [...(answered.get(custom) ?? []), p.id]);
  }
  // A handful of distinct answers: one update each, not one per person.
  for (const [custom, ids] of answered) {
    await tx
      .update(participants)
      .set({ custom: JSON.parse(custom) })
      .where(and(eq(participants.eventId, eventId), inArray(participants.id, ids)));
  }
}
