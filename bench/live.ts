/**
 * `npm run bench:live` (part of `npm run bench`): the live channel (server-sent events, ADR 0011) with many
 * followers on one instance, on PostgreSQL.
 *
 * (g) BENCH_LIVE_CLIENTS (1,000) streams of GET /api/v1/events/tashkent-2022/live?topics=programme, opened by
 *     plain node:http clients in two processes of their own (bench/live-clients.ts). BENCH_LIVE_MESSAGES (5)
 *     messages are published 500 ms apart from this process with `publishLive` (features/live/publish.ts) on the
 *     same database, as a feature would in its transaction; the app hears them by LISTEN and fans them out.
 *     Delivery latency per stream: from just before the publishing transaction to the arrival of the message
 *     at the client (both clocks are this machine's). Baseline: the same with one stream. Memory per
 *     connection: the app's resident memory with the streams open, less before, over their number.
 *
 * PGlite is left out: its database belongs to the app's process, so no other process can publish, and the
 * app publishes nothing on `programme` by itself yet.
 */
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { openDatabase } from "../db/index.ts";
import { events } from "../features/events/schema.ts";
import { publishLive } from "../features/live/publish.ts";
import { scratchDatabase } from "../test/database.ts";
import { aim, build, children, fmt, machineLine, postgresBase, printAims, rssMb, runBench, sleep, spawnApp, stop, table, tempDir } from "./lib.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const clientCount = Number(process.env.BENCH_LIVE_CLIENTS ?? 1000);
const messageCount = Number(process.env.BENCH_LIVE_MESSAGES ?? 5);
const now = () => performance.timeOrigin + performance.now();

interface Report {
  arrivals: Record<string, number[]>;
  failed: number;
  ready: number;
}

/** A process of followers: opens `count` streams, resolves once every one is ready. */
async function followers(url: string, count: number) {
  const child: ChildProcess = fork(path.join(root, "bench/live-clients.ts"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  children.add(child);
  const waiting = new Map<string, (value: unknown) => void>();
  child.on("message", (m: { type: string }) => waiting.get(m.type)?.(m));
  const next = (type: string, timeoutMs = 60_000) =>
    new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`followers: no ${type} within ${timeoutMs} ms`)), timeoutMs);
      waiting.set(type, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
  const ready = next("ready");
  child.send({ type: "open", url, count });
  await ready;
  return {
    async report(): Promise<Report> {
      const answer = next("report");
      child.send({ type: "report" });
      return (await answer) as Report;
    },
    close() {
      child.send({ type: "close" });
    },
  };
}

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** Publishes `n` messages 500 ms apart; waits until each reached every stream (or 10 s); returns the delays in ms. */
async function deliver(groups: Awaited<ReturnType<typeof followers>>[], streams: number, publish: (i: number) => Promise<number>) {
  const sentAt = new Map<number, number>();
  for (let i = 0; i < messageCount; i++) {
    const started = now();
    const seq = await publish(i);
    sentAt.set(seq, started);
    await sleep(500);
  }
  let reports: Report[] = [];
  const deadline = performance.now() + 10_000;
  for (;;) {
    reports = await Promise.all(groups.map((g) => g.report()));
    const received = reports.reduce((n, r) => n + [...sentAt.keys()].reduce((m, seq) => m + (r.arrivals[seq]?.length ?? 0), 0), 0);
    if (received >= streams * sentAt.size || performance.now() > deadline) break;
    await sleep(200);
  }
  const delays: number[] = [];
  for (const r of reports) {
    for (const [seq, started] of sentAt) for (const at of r.arrivals[seq] ?? []) delays.push(at - started);
  }
  delays.sort((a, b) => a - b);
  return { delays, missing: streams * sentAt.size - delays.length, failed: reports.reduce((n, r) => n + r.failed, 0) };
}

async function main() {
  console.log(machineLine());
  const base = await postgresBase();
  if (!base) {
    console.log("(g) the live channel needs PostgreSQL: left out");
    return;
  }
  build();
  const scratch = (await scratchDatabase("plenary_bench_live", base.url))!;
  const database = { close: async () => {} } as { close(): Promise<void> };
  try {
    const env = { DATA_DIR: tempDir("plenary-bench-live-"), DATABASE_URL: scratch.url, SECRET_KEY: randomBytes(32).toString("hex") };
    const app = await spawnApp(env.DATA_DIR, env);
    const opened = await openDatabase({ url: scratch.url });
    database.close = () => opened.close();
    const [event] = await opened.db.select({ id: events.id }).from(events).where(eq(events.slug, "tashkent-2022"));
    const url = `${app.url}/api/v1/events/tashkent-2022/live?topics=programme`;
    const publish = (i: number) => publishLive(opened.db, event.id, "programme", { sessionId: i + 1 });

    // Baseline: one stream.
    const single = await followers(url, 1);
    const one = await deliver([single], 1, publish);
    single.close();
    await sleep(500);

    const before = rssMb(app.child.pid!);
    const connectStarted = performance.now();
    const half = Math.ceil(clientCount / 2);
    const groups = await Promise.all([followers(url, half), followers(url, clientCount - half)]);
    const connectMs = performance.now() - connectStarted;
    await sleep(1000);
    const withStreams = rssMb(app.child.pid!);
    const many = await deliver(groups, clientCount, publish);
    for (const g of groups) g.close();
    await stop(app.child);

    const perConnectionKb = ((withStreams - before) * 1024) / clientCount;
    console.log(`\n(g) Live channel, PostgreSQL: ${messageCount} messages on "programme", published from another process with publishLive`);
    table([
      ["", "streams", "deliveries", "missing", "p50 ms", "p99 ms", "max ms", "p99 ratio"],
      [
        `${fmt(clientCount)} streams`,
        fmt(clientCount),
        fmt(many.delays.length),
        fmt(many.missing + many.failed),
        fmt(percentile(many.delays, 50), 1),
        fmt(percentile(many.delays, 99), 1),
        fmt(many.delays.at(-1) ?? NaN, 1),
        fmt(percentile(many.delays, 99) / percentile(one.delays, 99), 1),
      ],
      [
        "baseline: one stream",
        "1",
        fmt(one.delays.length),
        fmt(one.missing + one.failed),
        fmt(percentile(one.delays, 50), 1),
        fmt(percentile(one.delays, 99), 1),
        fmt(one.delays.at(-1) ?? NaN, 1),
        "1.0",
      ],
    ]);
    console.log(`${fmt(clientCount)} streams opened (each with its event: ready) in ${fmt(connectMs)} ms`);
    table([
      ["app resident memory", "MB"],
      ["before the streams (baseline)", fmt(before, 1)],
      [`with ${fmt(clientCount)} streams open`, fmt(withStreams, 1)],
      ["per stream", `${fmt(perConnectionKb, 1)} KB`],
    ]);
    aim(
      "(g) live, 1,000 streams",
      "delivery p99 ≤ 1 s",
      `${fmt(percentile(many.delays, 99), 1)} ms`,
      percentile(many.delays, 99) <= 1000 && many.missing + many.failed === 0,
    );
  } finally {
    await database.close();
    await scratch.drop();
  }
  printAims("Aims of bench/live.ts");
}

runBench(main);
