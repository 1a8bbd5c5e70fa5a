/**
 * `npm run bench:badges` (part of `npm run bench`): badges and doors (docs/decisions/0018), on PostgreSQL.
 *
 * (k) Scans: POST /api/v1/kiosk/scans, one scan a request with a fresh nonce (each wrk run and thread seeded
 *     apart) and one of the first 2,000 codes, through wrk (one thread). Baseline: a bare Ed25519 verify loop
 *     (node:crypto) in this process, in the same run. Aims, on 16 connections flat out: at least 0.2 of the
 *     bare verifies per second, at least 2,000 scans/s, p99 ≤ 10 ms. Beside them: 4 connections; 20
 *     connections paced (8 ms between an answer and the connection's next request: 2,000/s offered while
 *     answers take 2 ms, fewer as they slow; wrk has no fixed-rate mode); the same scans as
 *     kiosks back online send their queues (25 a request, 4 connections). Each row with the CPU a scan cost
 *     the app, its database connections' backends and wrk. BENCH_BADGES_PARTS=k runs this part alone.
 * (l) Printing BENCH_BADGES (10,000) badges, each with a photo, as one print run (a pg-boss job): time to the
 *     last part and the app's peak resident memory. Baseline: the app's memory before the run. Aims: ≤ 60 s, ≤ 500 MB.
 * (m) A kiosk's first sync of a BENCH_ROSTER (50,000) roster: pages of GET /api/v1/kiosk/sync, bytes and
 *     time; photos: bytes of the thumbnails a door admitting every category would fetch (made on the first request,
 *     then kept), beside the photos as uploaded. Baseline: one page; the uploaded photos.
 * (n) Live counts: from sending a scan to the staff stream receiving the new counts (topic `checkin`), p50 and
 *     max over 10 scans. Baseline: the scan request's own round trip. Counts are published at most every 250 ms.
 */
import { generateKeyPairSync, randomBytes, randomInt, sign, verify } from "node:crypto";
import http from "node:http";
import { eq, inArray } from "drizzle-orm";
import pg from "pg";
import { openDatabase } from "../db/index.ts";
import { createAuthSession } from "../features/access/auth.ts";
import { issueBadges } from "../features/badges/issue-badges.ts";
import { badges } from "../features/badges/schema.ts";
import { registerKiosk } from "../features/checkin/kiosks.ts";
import { saveCheckinList } from "../features/checkin/save-checkin-list.ts";
import { fileStore } from "../features/files/store.ts";
import { participants } from "../features/registration/schema.ts";
import { scratchDatabase } from "../test/database.ts";
import { adminActor, importParticipants, makeEvent } from "../test/factories.ts";
import { photoJpeg, solidPng } from "../test/images.ts";
import { aim, build, cpuSeconds, fmt, machineLine, postgresBase, rssMb, runBench, sleep, spawnApp, stop, table, tempDir } from "./lib.ts";
import { wrk } from "./wrk.ts";

const badgeCount = Number(process.env.BENCH_BADGES ?? 10_000);
const rosterCount = Number(process.env.BENCH_ROSTER ?? 50_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
/** Scans a request when a kiosk sends its offline queue. */
const syncBatch = 25;
/** Photos a door fetches in (m). */
const photoSample = Math.min(200, badgeCount);
/** BENCH_BADGES_PARTS=k (say): only these parts; a before/after of the scans need not print 10,000 badges. */
const parts = new Set((process.env.BENCH_BADGES_PARTS ?? "k,l,m,n").split(",").map((p) => p.trim()));
/** wrk's threads: one, as in bench/pages.ts (on two cores the other is the server's). */
const threads = Number(process.env.BENCH_WRK_THREADS ?? 1);

/**
 * CPU seconds used from now until the returned function is called: the app's process, and the backends of
 * its connections to `url`'s database (those open at either end; PostgreSQL's shared writers left out).
 */
async function cpuOf(pid: number, url: string): Promise<() => Promise<{ app: number; db: number }>> {
  const backends = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
      const out = new Map<number, number>();
      for (const r of rows) {
        try {
          out.set(r.pid, cpuSeconds(r.pid));
        } catch {
          // gone meanwhile
        }
      }
      return out;
    } finally {
      await client.end();
    }
  };
  const app = cpuSeconds(pid);
  const before = await backends();
  return async () => {
    const after = await backends();
    let db = 0;
    for (const [id, seconds] of after) db += seconds - (before.get(id) ?? 0);
    return { app: cpuSeconds(pid) - app, db };
  };
}

function verifyLoop(ms: number): number {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const message = randomBytes(21);
  const signature = sign(null, message, privateKey);
  let n = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) verify(null, message, publicKey, signature);
    n += 100;
  }
  return (n * 1000) / ms;
}

runBench(async () => {
  console.log(machineLine());
  const base = await postgresBase();
  if (!base) {
    console.log("badges and doors are measured on PostgreSQL; none answers: left out");
    return;
  }
  build();
  const scratch = (await scratchDatabase("plenary_bench_badges", base.url))!;
  const secret = randomBytes(32).toString("hex");
  const database = await openDatabase({ url: scratch.url });
  const today = (o = 0) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tashkent" }).format(new Date(Date.now() + o * 86_400_000));
  const { event, owner } = await makeEvent(database.db, { startDate: today(), endDate: today(1), slug: "bench-badges" });
  const ctx = { db: database.db, actor: adminActor(owner.id), now: new Date(), publicUrl: "http://localhost" };
  console.log(`preparing ${fmt(rosterCount)} accredited participants, ${fmt(badgeCount)} of them with photos…`);
  const prepared = performance.now();
  for (let done = 0; done < rosterCount; done += 5000) {
    await importParticipants(
      database.db,
      event,
      Array.from({ length: Math.min(5000, rosterCount - done) }, () => ({ status: "approved" })),
    );
  }
  const ids = (await database.db.select({ id: participants.id }).from(participants).where(eq(participants.eventId, event.id)).orderBy(participants.id)).map(
    (r) => r.id,
  );
  // The photos a door fetches in (m) are camera-like JPEGs (600 × 800); the others one flat PNG, as before.
  const photo = solidPng(300, 400);
  const cameraPhoto = await photoJpeg(600, 800);
  for (let i = 0; i < badgeCount; i += 500) {
    await database.db.transaction(async (tx) => {
      for (const [k, id] of ids.slice(i, i + 500).entries()) {
        const body = i + k < photoSample ? cameraPhoto : photo;
        // Straight into the file store, as photos stored before thumbnails: the first fetch makes each one.
        const file = await fileStore.put(tx, { eventId: event.id, kind: "photo", filename: "p", body });
        await tx.update(participants).set({ photoFileId: file.id }).where(eq(participants.id, id));
      }
    });
  }
  for (let i = 0; i < ids.length; i += 2000) await database.db.transaction((tx) => issueBadges(tx, event, ids.slice(i, i + 2000), secret, new Date()));
  const codes = (
    await database.db
      .select({ code: badges.code })
      .from(badges)
      .where(inArray(badges.participantId, ids.slice(0, badgeCount)))
  ).map((b) => b.code);
  const door = await saveCheckinList(ctx, event, null, { name: { en: "Main entrance" }, kind: "door" });
  const { token } = await registerKiosk(ctx, event, { listId: door.id, name: "Bench gate" });
  const cookie = `plenary_session=${await createAuthSession(database.db, owner.id)}`;
  await database.close();
  console.log(`prepared in ${fmt((performance.now() - prepared) / 1000, 1)} s`);

  const app = await spawnApp(tempDir("plenary-bench-badges-"), { DATABASE_URL: scratch.url, SECRET_KEY: secret });
  try {
    if (parts.has("k")) {
      // (k) scans per second beside the bare verify loop.
      const verifies = verifyLoop(2000);
      const scannedAt = new Date().toISOString();
      const lua = `
codes = {${codes
        .slice(0, 2000)
        .map((c) => `"${c.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`)
        .join(",")}}
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
wrk.headers["authorization"] = "Bearer ${token}"
-- LuaJIT starts every thread (and every wrk run) on the same random sequence: without a seed of its own, the
-- nonces of a run repeat the warm-up's, and those of two threads each other's (retries, not new scans).
local threads = 0
setup = function(thread) threads = threads + 1 thread:set("seed", threads) end
init = function(args) math.randomseed(__SEED__ + seed * 7919) end
local hex = "0123456789abcdef"
local function h(n) local s = {} for i = 1, n do local k = math.random(1, 16) s[i] = hex:sub(k, k) end return table.concat(s) end
request = function()
  local nonce = h(8) .. "-" .. h(4) .. "-4" .. h(3) .. "-8" .. h(3) .. "-" .. h(12)
  local code = codes[math.random(1, #codes)]
  return wrk.format(nil, nil, nil, '{"scans":[{"nonce":"' .. nonce .. '","code":"' .. code .. '","shown":"accepted","scannedAt":"${scannedAt}","clockOffsetMs":0}]}')
end
`;
      // The same scans as a kiosk back online sends its queue: BATCH scans a request (a lane of a busy gate).
      const batchLua = lua.replace(
        /request = function\(\)[\s\S]*end\n$/,
        `request = function()
  local parts = {}
  for i = 1, ${syncBatch} do
    local nonce = h(8) .. "-" .. h(4) .. "-4" .. h(3) .. "-8" .. h(3) .. "-" .. h(12)
    local code = codes[math.random(1, #codes)]
    parts[i] = '{"nonce":"' .. nonce .. '","code":"' .. code .. '","shown":"accepted","scannedAt":"${scannedAt}","clockOffsetMs":0}'
  end
  return wrk.format(nil, nil, nil, '{"scans":[' .. table.concat(parts, ",") .. ']}')
end
`,
      );
      const url = `${app.url}/api/v1/kiosk/scans`;
      /** One wrk run after a warm-up, with the CPU the app, its database connections and wrk used per request. */
      const measure = async (connections: number, script: string) => {
        const seeded = () => script.replace("__SEED__", String(randomInt(1, 2 ** 31)));
        await wrk({ url, seconds: 2, connections, threads, lua: seeded() });
        const cpu = await cpuOf(app.child.pid!, scratch.url);
        const result = await wrk({ url, seconds, connections, threads, lua: seeded() });
        const used = await cpu();
        const per = (s: number) => (s * 1e6) / result.requests;
        return { ...result, appUs: per(used.app), dbUs: per(used.db), wrkUs: per(result.cpuSeconds) };
      };
      const scans = await measure(16, lua);
      const fewer = await measure(4, lua);
      // Kiosks do not send flat out: 20 connections, each waiting 8 ms after an answer, offer the aim's 2,000
      // scans a second while answers take 2 ms (a closed loop: fewer once they slow); the latency then, beside
      // the latency at saturation above.
      const paced = await measure(20, `${lua}\ndelay = function() return 8 end\n`);
      const synced = await measure(4, batchLua);
      console.log(`\n(k) Scans, one per request, 16 connections (wrk, ${threads} thread${threads === 1 ? "" : "s"}), PostgreSQL`);
      const row = (label: string, r: typeof scans, n = 1) => [
        label,
        fmt(r.rps * n),
        fmt(r.p50, 2),
        fmt(r.p99, 2),
        fmt(r.bad),
        fmt(r.appUs / n),
        fmt(r.dbUs / n),
        fmt(r.wrkUs / n),
      ];
      table([
        ["", "per second", "p50 ms", "p99 ms", "errors", "app µs/scan", "db µs/scan", "wrk µs/scan"],
        ["bare Ed25519 verify (node:crypto, this process)", fmt(verifies), "", "", "", fmt(1e6 / verifies), "", ""],
        row("POST /api/v1/kiosk/scans, 16 connections (the aims)", scans),
        row("the same, 4 connections", fewer),
        row("the same, 20 connections, 8 ms between requests", paced),
        row(`the same, queues of ${syncBatch} (4 kiosks syncing): scans`, synced, syncBatch),
      ]);
      console.log("(µs of CPU a scan: the app's process, its database connections' backends, wrk; the aims below are the first row's)");
      const ratio = scans.rps / verifies;
      aim("(k) scans per second vs bare verify", "≥ 0.2×", `${fmt(ratio, 2)}× (${fmt(scans.rps)} vs ${fmt(verifies)})`, ratio >= 0.2);
      aim("(k) scans per second", "≥ 2,000/s", `${fmt(scans.rps)}/s`, scans.rps >= 2000);
      aim("(k) scan p99", "≤ 10 ms", `${fmt(scans.p99, 2)} ms`, scans.p99 <= 10);
    }
    if (parts.has("n")) {
      // (n) live counts: scan → staff stream.
      const latencies: number[] = [];
      const trips: number[] = [];
      const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
        http.get(`${app.url}/api/v1/events/${event.slug}/live?topics=checkin`, { headers: { cookie, origin: app.url } }, resolve).once("error", reject);
      });
      let waiting: ((at: number) => void) | null = null;
      stream.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("event: message") || chunk.toString().includes('"topic":"checkin"')) waiting?.(performance.now());
      });
      await sleep(500);
      for (let i = 0; i < 10; i++) {
        const arrived = new Promise<number>((resolve) => {
          waiting = resolve;
        });
        const started = performance.now();
        const res = await fetch(`${app.url}/api/v1/kiosk/scans`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({
            scans: [{ nonce: crypto.randomUUID(), code: codes[i], shown: "accepted", scannedAt: new Date().toISOString(), clockOffsetMs: 0 }],
          }),
        });
        await res.arrayBuffer();
        trips.push(performance.now() - started);
        latencies.push((await Promise.race([arrived, sleep(5000).then(() => Number.NaN)])) - started);
        await sleep(400);
      }
      stream.destroy();
      const sorted = [...latencies].sort((a, b) => a - b);
      console.log("\n(n) Live counts: from sending a scan to the staff stream's message (10 scans)");
      table([
        ["", "p50 ms", "max ms"],
        ["scan request round trip (baseline)", fmt([...trips].sort((a, b) => a - b)[5], 1), fmt(Math.max(...trips), 1)],
        ["scan → counts on the staff stream", fmt(sorted[5], 1), fmt(sorted[9], 1)],
      ]);
      aim("(n) live counts latency", "≤ 1 s", `${fmt(sorted[9], 0)} ms max`, sorted[9] <= 1000);
    }
    if (parts.has("m")) {
      // (m) roster sync.
      let bytes = 0;
      let pages = 0;
      let firstPage = 0;
      let query = "";
      const syncStarted = performance.now();
      for (;;) {
        const started = performance.now();
        const res = await fetch(`${app.url}/api/v1/kiosk/sync?${query}`, { headers: { authorization: `Bearer ${token}` } });
        const body = await res.text();
        if (pages === 0) firstPage = performance.now() - started;
        bytes += Buffer.byteLength(body);
        pages++;
        const data = JSON.parse(body) as { roster: { cursor: string; more: boolean }; revocations: { cursor: number } };
        query = new URLSearchParams({ roster: data.roster.cursor, revocations: String(data.revocations.cursor) }).toString();
        if (!data.roster.more) break;
      }
      const syncMs = performance.now() - syncStarted;
      // Photos: each fetched twice, the first time making its thumbnail from the stored photo, then kept.
      const fetchPhotos = async () => {
        let total = 0;
        const started = performance.now();
        for (let i = 0; i < photoSample; i++) {
          const res = await fetch(`${app.url}/api/v1/kiosk/photos/${ids[i]}`, { headers: { authorization: `Bearer ${token}` } });
          total += (await res.arrayBuffer()).byteLength;
        }
        return { bytes: total, ms: performance.now() - started };
      };
      const made = await fetchPhotos();
      const kept = await fetchPhotos();
      const originals = cameraPhoto.length * photoSample;
      console.log(`\n(m) A kiosk's first sync: ${fmt(rosterCount)} people (${fmt(badgeCount)} with photos)`);
      table([
        ["", "bytes", "ms"],
        ["first page of 1,000 (baseline)", "", fmt(firstPage)],
        [`roster, ${pages} pages`, fmt(bytes), fmt(syncMs)],
        [`photos as uploaded, ${photoSample} × 600 × 800 JPEG (baseline)`, fmt(originals), ""],
        [`thumbnails, ${photoSample} fetched, made on first request`, fmt(made.bytes), fmt(made.ms)],
        [`thumbnails, ${photoSample} fetched again, kept`, fmt(kept.bytes), fmt(kept.ms)],
        [`thumbnails, all ${fmt(badgeCount)} (from the sample)`, fmt((kept.bytes / photoSample) * badgeCount), fmt((kept.ms / photoSample) * badgeCount)],
      ]);
      aim("(m) thumbnail bytes vs photos as uploaded", "recorded", `${fmt(kept.bytes / photoSample)} B vs ${fmt(cameraPhoto.length)} B a photo`, true);
      aim("(m) roster sync, 50,000 people", "recorded", `${fmt(bytes / 1e6, 1)} MB in ${fmt(syncMs / 1000, 1)} s`, true);
    }
    if (parts.has("l")) {
      // (l) printing badges: time and peak memory.
      const idle = rssMb(app.child.pid!);
      let peak = idle;
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssMb(app.child.pid!));
      }, 100);
      const printStarted = performance.now();
      const res = await fetch(`${app.url}/api/v1/events/${event.slug}/badges/print`, {
        method: "POST",
        headers: { cookie, origin: app.url, "content-type": "application/json" },
        body: JSON.stringify({ scope: "people", ids: ids.slice(0, badgeCount), size: "a6", layout: "single" }),
      });
      const { batch } = (await res.json()) as { batch: { id: number } };
      let status = "queued";
      let done = 0;
      while (status !== "done" && status !== "failed") {
        await sleep(250);
        const poll = (await (await fetch(`${app.url}/api/v1/events/${event.slug}/badges/print/${batch.id}`, { headers: { cookie } })).json()) as {
          batch: { status: string; done: number };
        };
        status = poll.batch.status;
        done = poll.batch.done;
      }
      const printSeconds = (performance.now() - printStarted) / 1000;
      clearInterval(sampler);
      console.log(`\n(l) Printing ${fmt(badgeCount)} badges with photos, one print run (A6, parts of 100)`);
      table([
        ["", "seconds", "resident MB"],
        ["the app before the run (baseline)", "", fmt(idle)],
        [`print run (${status}, ${fmt(done)} badges)`, fmt(printSeconds, 1), fmt(peak)],
      ]);
      aim("(l) 10,000 badges, time", "≤ 60 s", `${fmt(printSeconds, 1)} s`, status === "done" && printSeconds <= 60);
      aim("(l) 10,000 badges, peak memory", "≤ 500 MB", `${fmt(peak)} MB (idle ${fmt(idle)})`, peak <= 500);
    }
  } finally {
    await stop(app.child);
    await scratch.drop();
  }
});
