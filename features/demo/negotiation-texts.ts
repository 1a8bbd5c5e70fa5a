// The demo's two outcome documents, written in our own words from the public facts of the reference case:
// a Declaration and an updated Joint Plan of Action, in English (negotiated) and Russian. The delegations that
// amend them are fictional and named as such, so that no real State is given words it never proposed.
import type { Localized } from "../shared/localized.ts";

type Paragraph = ["PP" | "OP" | "sub", Localized];

export const fictionalDelegations = [
  { key: "A", name: { en: "Delegation A (fictional)", ru: "Делегация А (вымышленная)", uz: "A delegatsiyasi (to‘qima)" } },
  { key: "B", name: { en: "Delegation B (fictional)", ru: "Делегация Б (вымышленная)", uz: "B delegatsiyasi (to‘qima)" } },
  { key: "C", name: { en: "Delegation C (fictional)", ru: "Делегация В (вымышленная)", uz: "C delegatsiyasi (to‘qima)" } },
] as const;

export const declaration = {
  symbol: "TC/2022/L.1",
  title: {
    en: "Tashkent Declaration (demo text)",
    ru: "Ташкентская декларация (демонстрационный текст)",
    uz: "Toshkent deklaratsiyasi (namunaviy matn)",
  },
  paragraphs: [
    [
      "PP",
      {
        en: "We, the participants of the high-level international conference held in Tashkent on 3 and 4 March 2022,",
        ru: "Мы, участники международной конференции высокого уровня, состоявшейся в Ташкенте 3–4 марта 2022 года,",
      },
    ],
    [
      "PP",
      {
        en: "Reaffirming our commitment to the United Nations Global Counter-Terrorism Strategy and its four pillars,",
        ru: "подтверждая нашу приверженность Глобальной контртеррористической стратегии Организации Объединённых Наций и четырём её компонентам,",
      },
    ],
    [
      "PP",
      {
        en: "Recalling the declarations adopted at earlier meetings of this process in Ashgabat, Samarkand and Dushanbe,",
        ru: "ссылаясь на декларации, принятые на предыдущих встречах в рамках этого процесса в Ашхабаде, Самарканде и Душанбе,",
      },
    ],
    [
      "PP",
      {
        en: "Noting with appreciation ten years of implementation of the Joint Plan of Action for Central Asia,",
        ru: "с удовлетворением отмечая десять лет осуществления Совместного плана действий для Центральной Азии,",
      },
    ],
    [
      "OP",
      {
        en: "Welcome the updated Joint Plan of Action, prepared on the basis of a ten-year review and broad consultations;",
        ru: "приветствуем обновлённый Совместный план действий, подготовленный по итогам десятилетнего обзора и широких консультаций;",
      },
    ],
    [
      "OP",
      {
        en: "Commit to strengthen regional cooperation in preventing and countering terrorism, in full respect of international law and human rights;",
        ru: "обязуемся укреплять региональное сотрудничество в предупреждении терроризма и борьбе с ним при полном соблюдении международного права и прав человека;",
      },
    ],
    [
      "OP",
      {
        en: "Encourage the involvement of civil society, women and young people in preventing violent extremism;",
        ru: "поощряем участие гражданского общества, женщин и молодёжи в предупреждении насильственного экстремизма;",
      },
    ],
    [
      "OP",
      {
        en: "Call for closer cooperation against the financing of terrorism, including its links with organized crime;",
        ru: "призываем к более тесному сотрудничеству в противодействии финансированию терроризма, в том числе его связям с организованной преступностью;",
      },
    ],
    [
      "OP",
      {
        en: "Request the United Nations Office of Counter-Terrorism to support the implementation of the updated Plan and to report on progress;",
        ru: "просим Контртеррористическое управление Организации Объединённых Наций оказывать поддержку в осуществлении обновлённого Плана и сообщать о достигнутом прогрессе;",
      },
    ],
    [
      "OP",
      {
        en: "Agree to meet again at a high level to review progress.",
        ru: "договариваемся вновь встретиться на высоком уровне для обзора достигнутого прогресса.",
      },
    ],
  ] satisfies Paragraph[],
  /** Texts the facilitator writes into Rev.1 for what amendments changed in English. */
  rev1Russian: {
    strengthen:
      "обязуемся и далее укреплять региональное сотрудничество в предупреждении терроризма и борьбе с ним при полном соблюдении международного права и прав человека;",
    communities: "поощряем участие гражданского общества, женщин, молодёжи и местных сообществ в предупреждении насильственного экстремизма;",
    returnees: "поддерживаем безопасное возвращение и реинтеграцию женщин и детей из зон вооружённых конфликтов;",
  },
  returnees: "Support the safe return and reintegration of women and children from zones of armed conflict;",
  statement: {
    ru: "Делегация Б (вымышленная) присоединилась к консенсусу и понимает пункт 6 постановляющей части как не создающий новых финансовых обязательств для государств.",
    en: "Delegation B (fictional) joined the consensus and understands operative paragraph 6 as creating no new financial obligations for States.",
  },
  lineage: [
    {
      title: { en: "Ashgabat Declaration", ru: "Ашхабадская декларация", uz: "Ashxobod deklaratsiyasi" },
      year: 2011,
    },
    {
      title: {
        en: "Ashgabat Declaration on Countering Terrorism",
        ru: "Ашхабадская декларация о противодействии терроризму",
        uz: "Terrorizmga qarshi kurash to‘g‘risidagi Ashxobod deklaratsiyasi",
      },
      year: 2017,
    },
    {
      title: {
        en: "Samarkand Declaration on the role of young people in preventing violent extremism",
        ru: "Самаркандская декларация о роли молодёжи в предупреждении насильственного экстремизма",
        uz: "Zo‘ravon ekstremizmning oldini olishda yoshlarning roli to‘g‘risidagi Samarqand deklaratsiyasi",
      },
      year: 2018,
    },
    {
      title: { en: "Dushanbe Declaration", ru: "Душанбинская декларация", uz: "Dushanbe deklaratsiyasi" },
      year: 2019,
    },
  ],
};

export const jointPlan = {
  symbol: "TC/2022/L.2",
  title: {
    en: "Joint Plan of Action for Central Asia, updated (demo text)",
    ru: "Совместный план действий для Центральной Азии, обновлённая редакция (демонстрационный текст)",
    uz: "Markaziy Osiyo uchun Qo‘shma harakatlar rejasi, yangilangan tahrir (namunaviy matn)",
  },
  paragraphs: [
    [
      "PP",
      {
        en: "The States of Central Asia, building on ten years of joint work under the Plan adopted in 2011,",
        ru: "Государства Центральной Азии, опираясь на десятилетний опыт совместной работы в рамках Плана, принятого в 2011 году,",
      },
    ],
    [
      "PP",
      {
        en: "Taking into account the review of the Plan and the consultations held with partners and civil society,",
        ru: "принимая во внимание обзор Плана и консультации, проведённые с партнёрами и гражданским обществом,",
      },
    ],
    [
      "OP",
      {
        en: "Address the conditions conducive to the spread of terrorism, including through education and employment for young people;",
        ru: "устраняют условия, способствующие распространению терроризма, в том числе через образование и занятость молодёжи;",
      },
    ],
    [
      "OP",
      {
        en: "Prevent and combat terrorism through the exchange of information between competent authorities:",
        ru: "предупреждают терроризм и борются с ним путём обмена информацией между компетентными органами:",
      },
    ],
    ["sub", { en: "on the movement of foreign terrorist fighters;", ru: "о передвижении иностранных боевиков-террористов;" }],
    ["sub", { en: "on the use of the Internet for terrorist purposes;", ru: "об использовании Интернета в террористических целях;" }],
    [
      "OP",
      {
        en: "Build the capacity of States, with the support of the United Nations and the OSCE;",
        ru: "укрепляют потенциал государств при поддержке Организации Объединённых Наций и ОБСЕ;",
      },
    ],
    [
      "OP",
      {
        en: "Ensure respect for human rights and the rule of law as the basis of the fight against terrorism;",
        ru: "обеспечивают уважение прав человека и верховенство права как основу борьбы с терроризмом;",
      },
    ],
    [
      "OP",
      {
        en: "Review the implementation of this Plan every two years at a regional meeting.",
        ru: "проводят обзор осуществления настоящего Плана раз в два года на региональном совещании.",
      },
    ],
  ] satisfies Paragraph[],
  partnersRussian: "укрепляют потенциал государств при поддержке Организации Объединённых Наций, ОБСЕ и других партнёров;",
  lineage: [
    {
      title: {
        en: "Joint Plan of Action for the Implementation of the United Nations Global Counter-Terrorism Strategy in Central Asia",
        ru: "Совместный план действий по реализации Глобальной контртеррористической стратегии ООН в Центральной Азии",
        uz: "BMTning Global terrorizmga qarshi kurash strategiyasini Markaziy Osiyoda amalga oshirish bo‘yicha Qo‘shma harakatlar rejasi",
      },
      year: 2011,
    },
  ],
};
