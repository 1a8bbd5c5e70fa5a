// The reference conference, in our own words, from the public announcement. Times, rooms, hall names,
// moderators and contact addresses are invented demo values, and the pages say so.
import type { Localized } from "../shared/localized.ts";

export const demoSlug = "tashkent-2022";

export const demoEvent = {
  slug: demoSlug,
  title: {
    en: "Regional Cooperation of Central Asian Countries within the Joint Plan of Action for the Implementation of the UN Global Counter-Terrorism Strategy",
    ru: "Региональное сотрудничество стран Центральной Азии в рамках Совместного плана действий по реализации Глобальной контртеррористической стратегии ООН",
    uz: "Markaziy Osiyo davlatlarining BMT Global aksilterror strategiyasini amalga oshirish boʻyicha Qoʻshma harakatlar rejasi doirasidagi mintaqaviy hamkorligi",
    "uz-Cyrl":
      "Марказий Осиё давлатларининг БМТ Глобал аксилтеррор стратегиясини амалга ошириш бўйича Қўшма ҳаракатлар режаси доирасидаги минтақавий ҳамкорлиги",
  },
  shortTitle: {
    en: "Tashkent Conference 2022",
    ru: "Ташкентская конференция 2022",
    uz: "Toshkent konferensiyasi 2022",
    "uz-Cyrl": "Тошкент конференцияси 2022",
  },
  description: {
    en: "A high-level international conference held in a hybrid format, bringing together more than 600 senior officials, experts from national and foreign think tanks, representatives of international and regional organisations and civil society. It marks ten years of the Joint Plan of Action for Central Asia and is expected to endorse its updated edition together with the Tashkent Declaration.",
    ru: "Международная конференция высокого уровня в гибридном формате: более 600 высокопоставленных должностных лиц, экспертов национальных и зарубежных аналитических центров, представителей международных и региональных организаций и гражданского общества. Конференция подводит итоги десяти лет Совместного плана действий для Центральной Азии; ожидается одобрение его обновлённой редакции и Ташкентской декларации.",
    uz: "Gibrid formatda oʻtkaziladigan yuqori darajadagi xalqaro konferensiya: 600 dan ortiq yuqori martabali mansabdor shaxslar, milliy va xorijiy tahlil markazlari ekspertlari, xalqaro va mintaqaviy tashkilotlar hamda fuqarolik jamiyati vakillari. Konferensiya Markaziy Osiyo uchun Qoʻshma harakatlar rejasining oʻn yilligini qayd etadi; uning yangilangan tahriri va Toshkent deklaratsiyasini maʼqullash kutilmoqda.",
    "uz-Cyrl":
      "Гибрид форматда ўтказиладиган юқори даражадаги халқаро конференция: 600 дан ортиқ юқори мартабали мансабдор шахслар, миллий ва хорижий таҳлил марказлари экспертлари, халқаро ва минтақавий ташкилотлар ҳамда фуқаролик жамияти вакиллари. Конференция Марказий Осиё учун Қўшма ҳаракатлар режасининг ўн йиллигини қайд этади; унинг янгиланган таҳрири ва Тошкент декларациясини маъқуллаш кутилмоқда.",
  },
  startDate: "2022-03-03",
  endDate: "2022-03-04",
  timezone: "Asia/Tashkent",
  // Uzbek in Cyrillic script carries the title and the description; the rest of its pages fall back, marked.
  languages: ["en", "ru", "uz", "uz-Cyrl"],
  venue: { en: "Conference centre (demo venue)", ru: "Конгресс-центр (демонстрационное место)", uz: "Kongress markazi (namunaviy joy)" },
  city: { en: "Tashkent", ru: "Ташкент", uz: "Toshkent" },
  format: "hybrid" as const,
  notice: {
    en: "Demo: the programme follows the public announcement; times, rooms, hall names, moderators and contact addresses are invented demo values.",
    ru: "Демонстрация: программа следует публичному анонсу; время, залы, модераторы и контактные адреса — вымышленные демонстрационные значения.",
    uz: "Namoyish: dastur ommaviy eʼlonga asoslangan; vaqt, zallar, moderatorlar va aloqa manzillari toʻqima namunaviy qiymatlardir.",
  },
};

export const demoRooms: { key: string; name: Localized; capacity: number }[] = [
  { key: "main", name: { en: "Plenary Hall", ru: "Пленарный зал", uz: "Yalpi majlislar zali" }, capacity: 700 },
  { key: "a", name: { en: "Hall A", ru: "Зал A", uz: "A zali" }, capacity: 150 },
  { key: "b", name: { en: "Hall B", ru: "Зал B", uz: "B zali" }, capacity: 150 },
  { key: "c", name: { en: "Hall C", ru: "Зал C", uz: "C zali" }, capacity: 120 },
  { key: "d", name: { en: "Hall D", ru: "Зал D", uz: "D zali" }, capacity: 120 },
  { key: "press", name: { en: "Press Centre", ru: "Пресс-центр", uz: "Matbuot markazi" }, capacity: 80 },
];

export const demoTracks: { slug: string; name: Localized; color: string }[] = [
  {
    slug: "pillar-1",
    color: "#1f5f8b",
    name: {
      en: "Pillar I: Conditions conducive to the spread of terrorism",
      ru: "Направление I: условия, способствующие распространению терроризма",
      uz: "I yoʻnalish: terrorizm tarqalishiga imkon beruvchi sharoitlar",
    },
  },
  {
    slug: "pillar-2",
    color: "#7a3e9d",
    name: {
      en: "Pillar II: Preventing and combating terrorism",
      ru: "Направление II: предотвращение терроризма и борьба с ним",
      uz: "II yoʻnalish: terrorizmning oldini olish va unga qarshi kurash",
    },
  },
  {
    slug: "pillar-3",
    color: "#2e7d32",
    name: {
      en: "Pillar III: Building State capacity and the role of the UN system",
      ru: "Направление III: укрепление потенциала государств и роль системы ООН",
      uz: "III yoʻnalish: davlatlar salohiyatini oshirish va BMT tizimining roli",
    },
  },
  {
    slug: "pillar-4",
    color: "#a0522d",
    name: {
      en: "Pillar IV: Human rights and the rule of law",
      ru: "Направление IV: права человека и верховенство права",
      uz: "IV yoʻnalish: inson huquqlari va qonun ustuvorligi",
    },
  },
  { slug: "conference", color: "#455a64", name: { en: "Conference", ru: "Конференция", uz: "Konferensiya" } },
];

export const demoOrganisations: { key: string; role: "host" | "co_organiser" | "partner"; name: Localized; acronym: Localized; url?: string }[] = [
  {
    key: "isrs",
    role: "host",
    acronym: { en: "ISRS", ru: "ИСМИ", uz: "SHMTI" },
    name: {
      en: "Institute for Strategic and Regional Studies under the President of the Republic of Uzbekistan",
      ru: "Институт стратегических и межрегиональных исследований при Президенте Республики Узбекистан",
      uz: "Oʻzbekiston Respublikasi Prezidenti huzuridagi Strategik va mintaqalararo tadqiqotlar instituti",
    },
  },
  {
    key: "mfa",
    role: "co_organiser",
    acronym: { en: "MFA", ru: "МИД", uz: "TIV" },
    name: {
      en: "Ministry of Foreign Affairs of the Republic of Uzbekistan",
      ru: "Министерство иностранных дел Республики Узбекистан",
      uz: "Oʻzbekiston Respublikasi Tashqi ishlar vazirligi",
    },
  },
  {
    key: "unoct",
    role: "co_organiser",
    acronym: { en: "UNOCT", ru: "КТУ ООН", uz: "BMT AKTB" },
    name: {
      en: "United Nations Office of Counter-Terrorism",
      ru: "Контртеррористическое управление ООН",
      uz: "BMT Aksilterror boshqarmasi",
    },
  },
  {
    key: "unrcca",
    role: "co_organiser",
    acronym: { en: "UNRCCA", ru: "РЦПДЦА", uz: "BMT MOPDM" },
    name: {
      en: "United Nations Regional Centre for Preventive Diplomacy for Central Asia",
      ru: "Региональный центр ООН по превентивной дипломатии для Центральной Азии",
      uz: "BMTning Markaziy Osiyo uchun Preventiv diplomatiya mintaqaviy markazi",
    },
  },
  {
    key: "osce",
    role: "co_organiser",
    acronym: { en: "OSCE", ru: "ОБСЕ", uz: "YXHT" },
    name: {
      en: "Organization for Security and Co-operation in Europe",
      ru: "Организация по безопасности и сотрудничеству в Европе",
      uz: "Yevropada xavfsizlik va hamkorlik tashkiloti",
    },
  },
  {
    key: "rats",
    role: "partner",
    acronym: { en: "SCO RATS", ru: "РАТС ШОС", uz: "ShHT MATT" },
    name: {
      en: "Regional Anti-Terrorist Structure of the Shanghai Cooperation Organisation",
      ru: "Региональная антитеррористическая структура Шанхайской организации сотрудничества",
      uz: "Shanxay hamkorlik tashkiloti Mintaqaviy aksilterror tuzilmasi",
    },
  },
];

/** Speakers are named by role: the demo never uses real officials' names. Moderators are fictional. */
export const demoPersons: { key: string; name: Localized; position?: Localized; organisation?: Localized; honorific?: Localized; country?: string }[] = [
  {
    key: "president-rep",
    country: "UZ",
    name: {
      en: "Representative of the President of the Republic of Uzbekistan",
      ru: "Представитель Президента Республики Узбекистан",
      uz: "Oʻzbekiston Respublikasi Prezidenti vakili",
    },
    position: { en: "Address on behalf of the President", ru: "Обращение от имени Президента", uz: "Prezident nomidan murojaat" },
  },
  {
    key: "unsg",
    name: { en: "Secretary-General of the United Nations", ru: "Генеральный секретарь ООН", uz: "BMT Bosh kotibi" },
    organisation: { en: "United Nations", ru: "Организация Объединённых Наций", uz: "Birlashgan Millatlar Tashkiloti" },
  },
  {
    key: "osce-sg",
    name: { en: "Secretary General of the OSCE", ru: "Генеральный секретарь ОБСЕ", uz: "YXHT Bosh kotibi" },
    organisation: { en: "OSCE", ru: "ОБСЕ", uz: "YXHT" },
  },
  {
    key: "usg-ct",
    name: {
      en: "UN Under-Secretary-General for Counter-Terrorism",
      ru: "Заместитель Генерального секретаря ООН по контртерроризму",
      uz: "BMT Bosh kotibining aksilterror boʻyicha oʻrinbosari",
    },
    position: { en: "Head of the UN Office of Counter-Terrorism", ru: "Глава Контртеррористического управления ООН" },
    organisation: { en: "UNOCT", ru: "КТУ ООН" },
  },
  {
    key: "srsg",
    name: {
      en: "Special Representative of the Secretary-General for Central Asia",
      ru: "Специальный представитель Генерального секретаря ООН по Центральной Азии",
      uz: "BMT Bosh kotibining Markaziy Osiyo boʻyicha maxsus vakili",
    },
    position: { en: "Head of UNRCCA", ru: "Глава РЦПДЦА" },
    organisation: { en: "UNRCCA", ru: "РЦПДЦА" },
  },
  {
    key: "sco-sg",
    name: { en: "Secretary-General of the Shanghai Cooperation Organisation", ru: "Генеральный секретарь ШОС", uz: "ShHT Bosh kotibi" },
    organisation: { en: "SCO", ru: "ШОС" },
  },
  {
    key: "isrs-director",
    country: "UZ",
    name: { en: "Director of ISRS", ru: "Директор ИСМИ", uz: "SHMTI direktori" },
    organisation: { en: "Institute for Strategic and Regional Studies", ru: "Институт стратегических и межрегиональных исследований" },
  },
  {
    key: "hod-kz",
    country: "KZ",
    name: { en: "Head of the Delegation of Kazakhstan", ru: "Глава делегации Казахстана", uz: "Qozogʻiston delegatsiyasi rahbari" },
  },
  {
    key: "hod-kg",
    country: "KG",
    name: { en: "Head of the Delegation of Kyrgyzstan", ru: "Глава делегации Кыргызстана", uz: "Qirgʻiziston delegatsiyasi rahbari" },
  },
  {
    key: "hod-tj",
    country: "TJ",
    name: { en: "Head of the Delegation of Tajikistan", ru: "Глава делегации Таджикистана", uz: "Tojikiston delegatsiyasi rahbari" },
  },
  {
    key: "hod-tm",
    country: "TM",
    name: { en: "Head of the Delegation of Turkmenistan", ru: "Глава делегации Туркменистана", uz: "Turkmaniston delegatsiyasi rahbari" },
  },
  {
    key: "hod-uz",
    country: "UZ",
    name: { en: "Head of the Delegation of Uzbekistan", ru: "Глава делегации Узбекистана", uz: "Oʻzbekiston delegatsiyasi rahbari" },
  },
  {
    key: "mod-1",
    country: "UZ",
    honorific: { en: "Dr", ru: "д-р", uz: "dr." },
    name: { en: "Dilnoza Rahimova (fictional)", ru: "Дильноза Рахимова (вымышленное лицо)", uz: "Dilnoza Rahimova (toʻqima shaxs)" },
    position: { en: "Senior Research Fellow", ru: "Ведущий научный сотрудник" },
    organisation: { en: "ISRS", ru: "ИСМИ", uz: "SHMTI" },
  },
  {
    key: "mod-2",
    country: "AT",
    honorific: { en: "Ms", ru: "г-жа" },
    name: { en: "Anna Berger (fictional)", ru: "Анна Бергер (вымышленное лицо)" },
    position: { en: "Programme Officer", ru: "Сотрудник по программам" },
    organisation: { en: "OSCE", ru: "ОБСЕ" },
  },
  {
    key: "mod-3",
    country: "KZ",
    honorific: { en: "Mr", ru: "г-н" },
    name: { en: "Yerlan Sadykov (fictional)", ru: "Ерлан Садыков (вымышленное лицо)" },
    position: { en: "Policy Analyst", ru: "Политический аналитик" },
    organisation: { en: "Regional think tank", ru: "Региональный аналитический центр" },
  },
  {
    key: "mod-4",
    country: "US",
    honorific: { en: "Prof.", ru: "проф." },
    name: { en: "Maria Lopez (fictional)", ru: "Мария Лопес (вымышленное лицо)" },
    position: { en: "Professor of International Law", ru: "Профессор международного права" },
    organisation: { en: "University (demo)", ru: "Университет (демо)" },
  },
];

type DemoSession = {
  kind: "opening" | "plenary" | "breakout" | "side_event" | "break" | "press" | "other";
  title: Localized;
  description?: Localized;
  day: 1 | 2;
  start: string;
  end: string;
  room: string;
  track: string;
  organiser?: string;
  interpretation?: string[];
  people?: [string, "chair" | "moderator" | "speaker" | "keynote" | "video_message"][];
};

const pillarPanel = (n: 1 | 2 | 3 | 4, room: string, moderator: string): DemoSession => ({
  kind: "breakout",
  day: 1,
  start: "14:30",
  end: "16:30",
  room,
  track: `pillar-${n}`,
  title: {
    en: [
      "",
      "Breakout panel I: Addressing the conditions conducive to the spread of terrorism",
      "Breakout panel II: Preventing and combating terrorism",
      "Breakout panel III: Building States' capacity and strengthening the role of the UN system",
      "Breakout panel IV: Respect for human rights and the rule of law as the basis of counter-terrorism",
    ][n],
    ru: [
      "",
      "Секция I: устранение условий, способствующих распространению терроризма",
      "Секция II: предотвращение терроризма и борьба с ним",
      "Секция III: укрепление потенциала государств и роли системы ООН",
      "Секция IV: уважение прав человека и верховенство права как основа борьбы с терроризмом",
    ][n],
    uz: [
      "",
      "I panel: terrorizm tarqalishiga imkon beruvchi sharoitlarni bartaraf etish",
      "II panel: terrorizmning oldini olish va unga qarshi kurash",
      "III panel: davlatlar salohiyatini oshirish va BMT tizimi rolini kuchaytirish",
      "IV panel: inson huquqlari va qonun ustuvorligi",
    ][n],
  },
  description: {
    en: "A panel discussion on one pillar of the UN Global Counter-Terrorism Strategy: what ten years of the Joint Plan of Action achieved in the region, and what the updated Plan should set as tasks.",
    ru: "Панельная дискуссия по одному из направлений Глобальной контртеррористической стратегии ООН: итоги десяти лет Совместного плана действий в регионе и задачи обновлённого плана.",
  },
  interpretation: ["en", "ru"],
  people: [[moderator, "moderator"]],
});

export const demoSessions: DemoSession[] = [
  {
    kind: "break",
    day: 1,
    start: "08:30",
    end: "09:30",
    room: "main",
    track: "conference",
    title: { en: "Registration and welcome coffee", ru: "Регистрация участников, приветственный кофе", uz: "Roʻyxatdan oʻtish va qahva" },
  },
  {
    kind: "opening",
    day: 1,
    start: "09:30",
    end: "11:00",
    room: "main",
    track: "conference",
    interpretation: ["en", "ru", "uz"],
    title: { en: "Opening ceremony", ru: "Церемония открытия", uz: "Ochilish marosimi" },
    description: {
      en: "Opening addresses, including an address on behalf of the President of the Republic of Uzbekistan and a recorded video message from the Secretary-General of the United Nations, followed by statements of heads of international organisations and of the delegations of the five Central Asian States.",
      ru: "Приветственные выступления, в том числе обращение от имени Президента Республики Узбекистан и видеообращение Генерального секретаря ООН, затем выступления руководителей международных организаций и глав делегаций пяти государств Центральной Азии.",
    },
    people: [
      ["isrs-director", "chair"],
      ["president-rep", "keynote"],
      ["unsg", "video_message"],
      ["osce-sg", "speaker"],
      ["usg-ct", "speaker"],
      ["srsg", "speaker"],
      ["sco-sg", "speaker"],
      ["hod-kz", "speaker"],
      ["hod-kg", "speaker"],
      ["hod-tj", "speaker"],
      ["hod-tm", "speaker"],
      ["hod-uz", "speaker"],
    ],
  },
  {
    kind: "break",
    day: 1,
    start: "11:00",
    end: "11:30",
    room: "main",
    track: "conference",
    title: { en: "Coffee break", ru: "Кофе-брейк", uz: "Qahva tanaffusi" },
  },
  {
    kind: "plenary",
    day: 1,
    start: "11:30",
    end: "13:00",
    room: "main",
    track: "conference",
    interpretation: ["en", "ru"],
    title: {
      en: "Plenary: ten years of the Joint Plan of Action for Central Asia",
      ru: "Пленарное заседание: десять лет Совместного плана действий для Центральной Азии",
      uz: "Yalpi majlis: Markaziy Osiyo uchun Qoʻshma harakatlar rejasining oʻn yili",
    },
    description: {
      en: "Findings of the ten-year review and the multi-stakeholder consultations that prepared the updated Plan.",
      ru: "Итоги десятилетнего обзора и многосторонних консультаций, по результатам которых подготовлена обновлённая редакция плана.",
    },
    people: [
      ["srsg", "chair"],
      ["usg-ct", "speaker"],
      ["mod-3", "speaker"],
    ],
  },
  { kind: "break", day: 1, start: "13:00", end: "14:30", room: "main", track: "conference", title: { en: "Lunch", ru: "Обед", uz: "Tushlik" } },
  pillarPanel(1, "a", "mod-1"),
  pillarPanel(2, "b", "mod-3"),
  pillarPanel(3, "c", "mod-2"),
  pillarPanel(4, "d", "mod-4"),
  {
    kind: "side_event",
    day: 1,
    start: "17:00",
    end: "18:30",
    room: "a",
    track: "pillar-2",
    organiser: "rats",
    interpretation: ["en", "ru"],
    title: {
      en: "Side event: the role of SCO RATS in cooperation among Central Asian States under the Joint Plan of Action",
      ru: "Параллельное мероприятие: роль РАТС ШОС в укреплении сотрудничества государств Центральной Азии в рамках СПД",
      uz: "Yondosh tadbir: ShHT MATTning Qoʻshma harakatlar rejasi doirasidagi hamkorlikdagi roli",
    },
  },
  {
    kind: "side_event",
    day: 1,
    start: "17:00",
    end: "18:30",
    room: "b",
    track: "pillar-4",
    organiser: "osce",
    interpretation: ["en", "ru"],
    title: {
      en: "Side event: gender aspects of work with women and children returning from conflict zones",
      ru: "Параллельное мероприятие: гендерные аспекты работы с женщинами и детьми, возвращающимися из зон боевых действий",
      uz: "Yondosh tadbir: mojaro hududlaridan qaytgan ayollar va bolalar bilan ishlashning gender jihatlari",
    },
    people: [["mod-2", "moderator"]],
  },
  {
    kind: "side_event",
    day: 2,
    start: "09:00",
    end: "10:30",
    room: "c",
    track: "pillar-3",
    organiser: "unoct",
    interpretation: ["en", "ru"],
    title: {
      en: "Side event: financial support for counter-terrorism programmes",
      ru: "Параллельное мероприятие: финансовая поддержка программ противодействия терроризму",
      uz: "Yondosh tadbir: aksilterror dasturlarini moliyaviy qoʻllab-quvvatlash",
    },
  },
  {
    kind: "plenary",
    day: 2,
    start: "11:00",
    end: "12:30",
    room: "main",
    track: "conference",
    interpretation: ["en", "ru", "uz"],
    title: {
      en: "Plenary: reports of the breakout panels",
      ru: "Пленарное заседание: доклады модераторов секций",
      uz: "Yalpi majlis: panel moderatorlarining hisobotlari",
    },
    people: [
      ["isrs-director", "chair"],
      ["mod-1", "speaker"],
      ["mod-3", "speaker"],
      ["mod-2", "speaker"],
      ["mod-4", "speaker"],
    ],
  },
  { kind: "break", day: 2, start: "12:30", end: "14:00", room: "main", track: "conference", title: { en: "Lunch", ru: "Обед", uz: "Tushlik" } },
  {
    kind: "plenary",
    day: 2,
    start: "14:00",
    end: "15:30",
    room: "main",
    track: "conference",
    interpretation: ["en", "ru", "uz"],
    title: {
      en: "Closing plenary: adoption of the Tashkent Declaration and the updated Joint Plan of Action",
      ru: "Заключительное пленарное заседание: принятие Ташкентской декларации и обновлённого Совместного плана действий",
      uz: "Yakuniy yalpi majlis: Toshkent deklaratsiyasi va yangilangan Qoʻshma harakatlar rejasini qabul qilish",
    },
    description: {
      en: "The delegations adopt the outcome documents by consensus. They continue the line of the Ashgabat Declarations of 2011 and 2017 and the Dushanbe Declaration of 2019.",
      ru: "Делегации принимают итоговые документы консенсусом. Они продолжают линию Ашхабадских деклараций 2011 и 2017 годов и Душанбинской декларации 2019 года.",
    },
    people: [
      ["isrs-director", "chair"],
      ["hod-kz", "speaker"],
      ["hod-kg", "speaker"],
      ["hod-tj", "speaker"],
      ["hod-tm", "speaker"],
      ["hod-uz", "speaker"],
    ],
  },
  {
    kind: "press",
    day: 2,
    start: "16:00",
    end: "16:45",
    room: "press",
    track: "conference",
    interpretation: ["en", "ru", "uz"],
    title: { en: "Press conference", ru: "Пресс-конференция", uz: "Matbuot anjumani" },
  },
];

const demoNote = {
  en: "\n\n*Times, rooms, hall names and contact addresses on this site are demo values.*",
  ru: "\n\n*Время, залы и контактные адреса на этом сайте — демонстрационные значения.*",
  uz: "\n\n*Ushbu saytdagi vaqt, zallar va aloqa manzillari namunaviy qiymatlardir.*",
};

export const demoPages: { slug: string; title: Localized; body: Localized }[] = [
  {
    slug: "concept-note",
    title: { en: "Concept note", ru: "Концептуальная записка", uz: "Konseptual eslatma" },
    body: {
      en: `## Background\n\nThe conference puts into practice an initiative announced at the 75th session of the UN General Assembly: to gather the States of Central Asia and their international partners around the UN Global Counter-Terrorism Strategy in the region.\n\n## Objectives\n\n- take stock of ten years of the Joint Plan of Action for Central Asia;\n- endorse an updated Plan, prepared through a ten-year review, consultations with many stakeholders and consensus;\n- agree the Tashkent Declaration, continuing the Ashgabat Declarations (2011, 2017) and the Dushanbe Declaration (2019).\n\n## Format\n\nAn opening ceremony, plenary sessions, four breakout panels — one for each pillar of the Strategy — and three side events organised by partners.\n\nThe concept note is also issued as document [TC/2022/1](/en/e/tashkent-2022/documents/TC/2022/1), in English and Russian.${demoNote.en}`,
      ru: `## Предыстория\n\nКонференция реализует инициативу, выдвинутую на 75-й сессии Генеральной Ассамблеи ООН: объединить усилия государств Центральной Азии и их международных партнёров по осуществлению Глобальной контртеррористической стратегии ООН в регионе.\n\n## Цели\n\n- подвести итоги десяти лет Совместного плана действий для Центральной Азии;\n- одобрить обновлённый план, подготовленный на основе десятилетнего обзора, многосторонних консультаций и консенсуса;\n- согласовать Ташкентскую декларацию, продолжающую Ашхабадские декларации (2011, 2017) и Душанбинскую декларацию (2019).\n\n## Формат\n\nЦеремония открытия, пленарные заседания, четыре секции — по одной на каждое направление Стратегии — и три параллельных мероприятия партнёров.\n\nКонцептуальная записка выпущена также как документ [TC/2022/1](/ru/e/tashkent-2022/documents/TC/2022/1) на английском и русском языках.${demoNote.ru}`,
    },
  },
  {
    slug: "information-for-attendees",
    title: { en: "Information for attendees", ru: "Информация для участников", uz: "Ishtirokchilar uchun maʼlumot" },
    body: {
      en: `## Registration\n\nParticipation is by invitation. Delegations are nominated by their focal points.\n\n## Hybrid participation\n\nOnline participants receive a personal link before the conference. Interpretation is provided in English and Russian, and in Uzbek at plenary sessions.\n\n## Badges\n\nCollect your badge at the registration desk with the identity document you registered with.\n\nAccredited participants also find this note as document TC/2022/INF.1 under “Documents for participants”, through the personal link of their registration.${demoNote.en}`,
      ru: `## Регистрация\n\nУчастие — по приглашениям. Делегации выдвигаются через координаторов.\n\n## Гибридный формат\n\nУчастники онлайн получают персональную ссылку до начала конференции. Обеспечивается синхронный перевод на английский и русский языки, на пленарных заседаниях — также на узбекский.\n\n## Бейджи\n\nБейдж выдаётся на стойке регистрации по документу, указанному при регистрации.\n\nАккредитованные участники найдут эту записку и как документ TC/2022/INF.1 в разделе «Документы для участников» по персональной ссылке своей регистрации.${demoNote.ru}`,
    },
  },
  {
    slug: "practical-information",
    title: { en: "Practical information", ru: "Практическая информация", uz: "Amaliy maʼlumot" },
    body: {
      en: `## Venue\n\nThe conference takes place in Tashkent. Local time is UTC+5; all times in the programme are local.\n\n## Transport\n\nShuttles run between the official hotels and the venue on both days.${demoNote.en}`,
      ru: `## Место проведения\n\nКонференция проходит в Ташкенте. Местное время — UTC+5; всё время в программе указано местное.\n\n## Транспорт\n\nВ оба дня курсируют шаттлы между официальными гостиницами и местом проведения.${demoNote.ru}`,
    },
  },
  {
    slug: "press-contacts",
    title: { en: "Press contacts", ru: "Контакты для прессы", uz: "Matbuot uchun aloqa" },
    body: {
      en: `## Public relations coordinators\n\n- Press office of the host institute: press@example.org\n- Media accreditation: media@example.org\n\nJournalists register in the media category.${demoNote.en}`,
      ru: `## Координаторы по связям с общественностью\n\n- Пресс-служба принимающего института: press@example.org\n- Аккредитация СМИ: media@example.org\n\nЖурналисты регистрируются в категории «СМИ».${demoNote.ru}`,
    },
  },
];
