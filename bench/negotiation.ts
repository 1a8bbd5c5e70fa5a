/**
 * `npm run bench:negotiation` (part of `npm run bench`): the negotiation room (docs/decisions/0017).
 *
 * (o) The redline of a generated 30-page declaration (BENCH_PARAGRAPHS, 150 paragraphs of about 80 words, in
 *     English and Russian) against its next revision (every third paragraph edited, five new, five deleted,
 *     three moved): `compareRevisions`, in this process. Baseline: one word diff of each language's whole text
 *     as a single string (`wordChanges`), in the same run. Aim ≤ 50 ms.
 * (p) Exports of that whole document: DOCX, PDF, Akoma Ntoso (English and Russian), and the redline as DOCX and
 *     PDF, each from its snapshot. Baseline: JSON.stringify of the snapshot. Aims: PDF ≤ 2 s, DOCX ≤ 1 s.
 * (q) PostgreSQL: BENCH_AMENDMENTS (400) amendments submitted through POST …/amendments, 16 at a time, by
 *     200 Heads of Delegation through their links, while those 200 delegates follow `drafting:<id>` on the live
 *     stream (SSE, tickets as their pages get them; plain node:http clients in a process of their own,
 *     bench/live-clients.ts): submissions per second, p50/p99, and every live message delivered. Baseline: the
 *     same submissions with no stream open. Aim: p99 ≤ 2× the baseline's, nothing lost. And each amendment's
 *     delivery from its sending to the last of the 200 streams (aim p99 ≤ 1 s), beside the proposer's own answer.
 */
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../db/index.ts";
import type { EventRow } from "../features/events/queries.ts";
import { liveTicket } from "../features/live/ticket.ts";
import { wordChanges } from "../features/negotiation/anchors.ts";
import type { DocumentRow, RevisionRow } from "../features/negotiation/documents.ts";
import { outcomeText } from "../features/negotiation/exports/outcome-text.ts";
import { outcomeAkn } from "../features/negotiation/exports/render-akn.ts";
import { outcomeDocx } from "../features/negotiation/exports/render-docx.ts";
import { outcomePdf } from "../features/negotiation/exports/render-pdf.ts";
import { issueRevision } from "../features/negotiation/issue-revision.ts";
import { numberParagraphs } from "../features/negotiation/numbering.ts";
import { revisionForReader } from "../features/negotiation/queries.ts";
import { compareRevisions, type SnapshotParagraph } from "../features/negotiation/redline.ts";
import type { ParagraphKind } from "../features/negotiation/vocabulary.ts";
import { loadCatalogues } from "../i18n/index.ts";
import { scratchDatabase } from "../test/database.ts";
import { adminActor, makeDelegate, makeDelegation, makeEvent, makeOutcomeDocument } from "../test/factories.ts";
import { aim, build, children, fmt, machineLine, postgresBase, runBench, sleep, spawnApp, stop, table, tempDir } from "./lib.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const paragraphCount = Number(process.env.BENCH_PARAGRAPHS ?? 150);
const amendmentCount = Number(process.env.BENCH_AMENDMENTS ?? 400);
const delegateCount = 200;
const concurrency = 16;

// ---------------------------------------------------------------------------------------------------
// A generated declaration: words drawn by a fixed sequence, so every run compares the same texts.

const english =
  "regional cooperation water energy climate resilience sustainable development connectivity transport trade investment capacity building partnership Member States secretariat report progress implementation commitment agenda dialogue security stability prosperity youth women participation data statistics monitoring".split(
    " ",
  );
const russian =
  "региональное сотрудничество водные ресурсы энергетика климат устойчивость устойчивое развитие взаимосвязанность транспорт торговля инвестиции укрепление потенциала партнерство государства-члены секретариат доклад прогресс осуществление приверженность повестка диалог безопасность стабильность процветание молодежь женщины участие данные статистика мониторинг".split(
    " ",
  );
let seed = 7;
const next = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed;
};
const sentence = (words: string[], n: number) => Array.from({ length: n }, () => words[next() % words.length]).join(" ");
const opening = { PP: ["Recalling", "Noting", "Welcoming", "Reaffirming"], OP: ["Calls upon", "Requests", "Encourages", "Decides"] };
const openingRu = { PP: ["ссылаясь на", "отмечая", "приветствуя", "вновь подтверждая"], OP: ["призывает", "просит", "рекомендует", "постановляет"] };

function declaration(): SnapshotParagraph[] {
  const rows = Array.from({ length: paragraphCount }, (_, i) => {
    const kind: ParagraphKind = i < paragraphCount / 5 ? "PP" : "OP";
    const k = kind as "PP" | "OP";
    return {
      paragraphId: i + 1,
      position: i,
      kind,
      number: null as string | null,
      text: {
        en: `${opening[k][i % 4]} ${sentence(english, 78)}${kind === "PP" ? "," : ";"}`,
        ru: `${openingRu[k][i % 4]} ${sentence(russian, 72)}${kind === "PP" ? "," : ";"}`,
      },
      status: "bracketed" as const,
      brackets: [],
      splitFromId: null,
      mergedIntoId: null,
    };
  });
  return numbered(rows);
}

function numbered(rows: SnapshotParagraph[]): SnapshotParagraph[] {
  const numbers = numberParagraphs(rows);
  return rows.map((p) => ({ ...p, number: numbers.get(p.paragraphId) ?? null }));
}

/** The next revision: every third paragraph edited, five new, five deleted, three moved. */
function nextRevision(before: SnapshotParagraph[]): SnapshotParagraph[] {
  const edit = (text: string, extra: string) => {
    const words = text.split(" ");
    words[5] = words[9];
    return `${words.join(" ")} ${extra}`;
  };
  let rows = before.map((p, i) =>
    i % 3 === 0 ? { ...p, text: { en: edit(p.text.en, "and further strengthen it"), ru: edit(p.text.ru, "и далее укреплять его") } } : { ...p },
  );
  for (const i of [40, 60, 80, 100, 120]) rows[i] = { ...rows[i], status: "deleted" };
  const moved = rows.splice(30, 3);
  rows.splice(90, 0, ...moved);
  for (let n = 0; n < 5; n++) {
    rows.splice(35 + n * 20, 0, {
      ...rows[35 + n * 20],
      paragraphId: 10_000 + n,
      text: { en: `Also ${sentence(english, 60)};`, ru: `также ${sentence(russian, 55)};` },
    });
  }
  rows = rows.map((p, position) => ({ ...p, position }));
  return numbered(rows);
}

/** Median milliseconds of `fn`, run at least 5 times and for at least `minMs`. */
async function median(fn: () => unknown, minMs = 1000): Promise<number> {
  const times: number[] = [];
  const started = performance.now();
  while (times.length < 5 || performance.now() - started < minMs) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
    if (times.length >= 200) break;
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : Number.NaN;
}

async function inProcess() {
  await loadCatalogues();
  const before = declaration();
  const after = nextRevision(before);
  const words = before.reduce((n, p) => n + p.text.en.split(" ").length, 0);
  const whole = (s: SnapshotParagraph[], lang: string) => s.map((p) => p.text[lang]).join("\n\n");

  // (o) the redline.
  const baseline = await median(() => {
    wordChanges(whole(before, "en"), whole(after, "en"));
    wordChanges(whole(before, "ru"), whole(after, "ru"));
  });
  const redline = await median(() => compareRevisions(before, after));
  const result = compareRevisions(before, after);
  console.log(
    `\n(o) Redline of a ${fmt(paragraphCount)}-paragraph declaration (${fmt(words)} English words, about ${fmt(words / 400)} pages), English and Russian`,
  );
  table([
    ["", "median ms", "ratio"],
    ["one word diff of each language's whole text (baseline)", fmt(baseline, 2), "1.00"],
    [`compareRevisions: concordance + a word diff per paragraph and language (${result.concordance.length} rows)`, fmt(redline, 2), fmt(redline / baseline, 2)],
  ]);
  aim("(o) redline, 150 paragraphs, EN+RU", "≤ 50 ms", `${fmt(redline, 1)} ms (baseline ${fmt(baseline, 1)} ms)`, redline <= 50);

  // (p) exports of the whole document.
  const event = { id: 1, slug: "bench", timezone: "Asia/Tashkent", languages: ["en", "ru"] } as unknown as EventRow;
  const document = {
    id: 1,
    eventId: 1,
    symbol: "TC/2030/L.1",
    title: { en: "Tashkent Declaration", ru: "Ташкентская декларация" },
    negotiatingLanguage: "en",
    state: "negotiating",
    createdAt: new Date(),
  } as DocumentRow;
  const revision = {
    id: 2,
    number: 1,
    state: "issued",
    aligned: { en: 1, ru: 1 },
    issuedAt: new Date("2030-05-14T10:00:00Z"),
    createdAt: new Date(),
  } as unknown as RevisionRow;
  const text = (lang: string, compare = false) =>
    outcomeText({
      event,
      document,
      revision,
      paragraphs: after,
      delegations: new Map(),
      lang,
      compare: compare ? { from: 0, before, redline: result } : undefined,
    });
  const json = await median(() => JSON.stringify(after));
  const rows: string[][] = [
    ["", "median ms", "bytes", "ratio"],
    ["JSON.stringify of the snapshot (baseline)", fmt(json, 2), fmt(JSON.stringify(after).length), "1"],
  ];
  const timed: Record<string, number> = {};
  for (const [name, make] of [
    ["DOCX, English", async () => outcomeDocx(text("en"))],
    ["DOCX, Russian", async () => outcomeDocx(text("ru"))],
    ["PDF, English", async () => outcomePdf(text("en"))],
    ["PDF, Russian", async () => outcomePdf(text("ru"))],
    ["Akoma Ntoso, English", async () => new TextEncoder().encode(outcomeAkn(text("en"), { eventSlug: "bench", publicUrl: "http://localhost" }))],
    ["redline DOCX (tracked changes), Russian", async () => outcomeDocx(text("ru", true))],
    ["redline PDF, Russian", async () => outcomePdf(text("ru", true))],
  ] as const) {
    const bytes = (await make()).byteLength;
    const ms = await median(make, 2000);
    timed[name] = ms;
    rows.push([name, fmt(ms, 1), fmt(bytes), fmt(ms / json)]);
  }
  console.log(`\n(p) Exports of the whole document (${fmt(after.length)} paragraphs), in this process`);
  table(rows);
  const pdf = Math.max(timed["PDF, English"], timed["PDF, Russian"]);
  const docx = Math.max(timed["DOCX, English"], timed["DOCX, Russian"]);
  aim("(p) PDF of a 30-page declaration", "≤ 2 s", `${fmt(pdf)} ms`, pdf <= 2000);
  aim("(p) DOCX of a 30-page declaration", "≤ 1 s", `${fmt(docx)} ms`, docx <= 1000);
}

// ---------------------------------------------------------------------------------------------------
// (q) amendments with 200 delegates following the live stream.

async function followers(urls: string[]) {
  const child: ChildProcess = fork(path.join(root, "bench/live-clients.ts"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  children.add(child);
  const waiting = new Map<string, (value: unknown) => void>();
  child.on("message", (m: { type: string }) => waiting.get(m.type)?.(m));
  const nextMessage = (type: string, timeoutMs = 60_000) =>
    new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`followers: no ${type} within ${timeoutMs} ms`)), timeoutMs);
      waiting.set(type, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
  const ready = nextMessage("ready");
  child.send({ type: "open", url: "", count: urls.length, urls });
  await ready;
  return {
    async report() {
      const answer = nextMessage("report");
      child.send({ type: "report" });
      return (await answer) as { arrivals: Record<string, number[]>; amendments: Record<string, number>; failed: number; ready: number };
    },
    close: () => child.send({ type: "close" }),
  };
}

async function amendments() {
  const base = await postgresBase();
  if (!base) {
    console.log("(q) amendments with the live stream are measured on PostgreSQL; none answers: left out");
    return;
  }
  build();
  const scratch = (await scratchDatabase("plenary_bench_negotiation", base.url))!;
  const secret = randomBytes(32).toString("hex");
  const database = await openDatabase({ url: scratch.url });
  const prepared = performance.now();
  const { event, owner } = await makeEvent(database.db, { languages: ["en", "ru"], slug: "bench-negotiation" });
  const delegates: { token: string; participantId: number; delegationId: number }[] = [];
  for (let i = 0; i < delegateCount; i++) {
    const delegation = await makeDelegation(database.db, event, owner.id);
    const made = await makeDelegate(database.db, event, owner.id, delegation);
    delegates.push({ token: made.token, participantId: made.seat.participantId, delegationId: made.seat.delegationId });
  }
  const generated = declaration();
  const { document, draft } = await makeOutcomeDocument(
    database.db,
    event,
    owner.id,
    generated.map((p) => [p.kind, p.text]),
  );
  await issueRevision({ db: database.db, actor: adminActor(owner.id), now: new Date(), publicUrl: "http://localhost" }, event, document, draft, {
    version: draft.version,
  });
  const zero = (await revisionForReader(database.db, document, 0, "staff")).paragraphs;
  await database.close();
  console.log(
    `prepared ${delegateCount} delegations with a Head of Delegation each and a ${paragraphCount}-paragraph zero draft in ${fmt((performance.now() - prepared) / 1000, 1)} s`,
  );

  const app = await spawnApp(tempDir("plenary-bench-negotiation-"), { DATABASE_URL: scratch.url, SECRET_KEY: secret, TRUST_PROXY: "true" });
  try {
    const url = `${app.url}/api/v1/events/${event.slug}/documents/${document.id}/amendments`;
    let sent = 0;
    /** `count` submissions, `concurrency` at a time, each by the next delegate from their own address; latencies in ms. */
    /** When each amendment was sent and answered (wall clock, as the stream clients note arrivals). */
    const timing = new Map<number, { sent: number; answered: number }>();
    const submit = async (count: number) => {
      const latencies: number[] = [];
      let failures = 0;
      const started = performance.now();
      const worker = async () => {
        while (latencies.length + failures < count) {
          const n = sent++;
          const who = n % delegateCount;
          const paragraph = zero[n % zero.length];
          const text = paragraph.text.en;
          const word = text.split(" ")[1 + (n % 20)];
          const start = text.indexOf(` ${word} `) + 1;
          const t = performance.now();
          const res = await fetch(url, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "plenary-link": delegates[who].token,
              "x-forwarded-for": `10.${Math.floor(who / 250)}.${who % 250}.${1 + Math.floor(n / delegateCount / 100)}`,
            },
            body: JSON.stringify({
              revision: 0,
              paragraphId: paragraph.paragraphId,
              kind: "replace",
              start,
              end: start + word.length,
              text: word,
              proposedText: "strengthen",
            }),
          });
          const answer = (await res.json().catch(() => null)) as { amendment?: { id: number } } | null;
          if (res.status === 201) {
            latencies.push(performance.now() - t);
            if (answer?.amendment) timing.set(answer.amendment.id, { sent: performance.timeOrigin + t, answered: performance.timeOrigin + performance.now() });
          } else failures++;
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      const seconds = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      return { perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures, latencies };
    };

    await submit(Math.min(50, amendmentCount / 4)); // warm-up
    const quiet = await submit(amendmentCount);
    const tickets = delegates.map((d) => liveTicket(secret, { eventId: event.id, participantId: d.participantId, delegationId: d.delegationId }));
    const streamsOpened = performance.now();
    const group = await followers(
      tickets.map((t) => `${app.url}/api/v1/events/${event.slug}/live?topics=drafting:${document.id}&ticket=${encodeURIComponent(t)}`),
    );
    const openMs = performance.now() - streamsOpened;
    await sleep(500);
    timing.clear();
    const loud = await submit(amendmentCount);
    let report = await group.report();
    const deadline = performance.now() + 10_000;
    // Messages every one of the 200 streams received (a stream may also get the last few sent before it opened).
    const everywhere = () => Object.values(report.arrivals).filter((list) => list.length >= delegateCount).length;
    const delivered = () => Object.values(report.arrivals).reduce((n, list) => n + list.length, 0);
    while (everywhere() < amendmentCount && performance.now() < deadline) {
      await sleep(250);
      report = await group.report();
    }
    group.close();
    // Delivery: from the moment the proposer sent the amendment to the last of the 200 streams having it, beside
    // the proposer's own answer (the submission's round trip).
    const toLast: number[] = [];
    const toAnswer: number[] = [];
    for (const [seq, amendmentId] of Object.entries(report.amendments)) {
      const times = report.arrivals[seq];
      const t = timing.get(amendmentId);
      if (!t || !times || times.length < delegateCount) continue;
      toLast.push(Math.max(...times) - t.sent);
      toAnswer.push(t.answered - t.sent);
    }
    toLast.sort((a, b) => a - b);
    toAnswer.sort((a, b) => a - b);

    console.log(`\n(q) ${fmt(amendmentCount)} amendments through POST …/amendments, ${concurrency} at a time, by ${delegateCount} delegates (PostgreSQL)`);
    table([
      ["", "per second", "p50 ms", "p99 ms", "refused", "p99 ratio"],
      ["no stream open (baseline)", fmt(quiet.perSecond, 1), fmt(quiet.p50, 1), fmt(quiet.p99, 1), fmt(quiet.failures), "1.00"],
      [
        `${delegateCount} delegates following drafting:${document.id}`,
        fmt(loud.perSecond, 1),
        fmt(loud.p50, 1),
        fmt(loud.p99, 1),
        fmt(loud.failures),
        fmt(loud.p99 / quiet.p99, 2),
      ],
    ]);
    console.log(
      `${delegateCount} streams opened in ${fmt(openMs)} ms; ${fmt(everywhere())} messages reached all ${delegateCount} streams (${fmt(amendmentCount)} submitted), ${fmt(delivered())} deliveries in all, ${fmt(report.failed)} streams failed`,
    );
    console.log(
      `from sending an amendment (${fmt(toLast.length)} of them) to all ${delegateCount} streams having it: p50 ${fmt(percentile(toLast, 50), 1)} ms, p99 ${fmt(percentile(toLast, 99), 1)} ms; to the proposer's own answer (baseline): p50 ${fmt(percentile(toAnswer, 50), 1)} ms, p99 ${fmt(percentile(toAnswer, 99), 1)} ms`,
    );
    aim(
      "(q) every delegate sees an amendment within a second",
      "p99 ≤ 1,000 ms to all streams",
      `p99 ${fmt(percentile(toLast, 99), 1)} ms`,
      percentile(toLast, 99) <= 1000,
    );
    aim(
      "(q) amendments with 200 delegates on the live stream",
      "p99 ≤ 2× without, nothing lost",
      `p99 ${fmt(loud.p99, 1)} ms vs ${fmt(quiet.p99, 1)} ms; ${fmt(everywhere())} of ${fmt(amendmentCount)} messages on every stream`,
      loud.p99 <= 2 * quiet.p99 && loud.failures === 0 && everywhere() >= amendmentCount,
    );
  } finally {
    await stop(app.child);
    await scratch.drop();
  }
}

runBench(async () => {
  console.log(machineLine());
  await inProcess();
  await amendments();
});
