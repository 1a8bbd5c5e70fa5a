/**
 * `npm run bench:register` (and part of `npm run bench`): people registering through the public form.
 *
 * The app runs in a process of its own on a fresh PGlite data directory with the demo (as `npm start`),
 * with TRUST_PROXY=true so that each request can come "from" its own address (X-Forwarded-For) and the
 * per-address limit of 30 registrations an hour does not turn the run into a run of 429s.
 *
 * (a) a registration: POST /en/e/tashkent-2022/register, a new email each time, in the Civil Society
 *     category: rate-limit check, custom answers, one transaction with the participant, their link, the
 *     "received" email in the outbox and the audit row; the outbox worker sends the emails meanwhile.
 * (b) the baseline, in the same run: the same POST refused by validation (no consent to data processing):
 *     everything but the transaction that writes.
 * (c) the floor: a bare node:http server that reads the same body and answers.
 *
 * BENCH_SECONDS (10), BENCH_REGISTER_CONNECTIONS (10).
 */
import { spawn, spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon, { type Result } from "autocannon";
import { and, eq } from "drizzle-orm";
import { openDatabase } from "../db/index.ts";
import { events } from "../features/events/schema.ts";
import { categories, participants } from "../features/registration/schema.ts";
import { children, fmt, freePort, runBench, sleep, spawnApp, stop, table, tempDir } from "./lib.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_REGISTER_CONNECTIONS ?? 10);

let counter = 0;
/** A new person each time, from an address of their own. */
function person(categoryId: number, consent: boolean) {
  const n = counter++;
  const form = new URLSearchParams({
    categoryId: String(categoryId),
    givenName: "Bench",
    familyName: `Registrant ${n}`,
    email: `bench.${process.pid}.${n}@example.org`,
    organisation: "Fictional Civil Society Network",
    country: "UZ",
    lang: n % 2 ? "ru" : "en",
  });
  if (consent) form.set("consentData", "on");
  return { body: form.toString(), address: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` };
}

async function run(url: string, pathname: string, categoryId: number, consent: boolean): Promise<Result> {
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        path: pathname,
        setupRequest: (request) => {
          const { body, address } = person(categoryId, consent);
          return {
            ...request,
            body,
            headers: { ...request.headers, "content-type": "application/x-www-form-urlencoded", origin: url, "x-forwarded-for": address },
          };
        },
      },
    ],
  });
}

async function bareFloor(pathname: string, categoryId: number) {
  const port = await freePort();
  const script = `require("node:http").createServer((req, res) => { const parts = []; req.on("data", (c) => parts.push(c)); req.on("end", () => { new URLSearchParams(Buffer.concat(parts).toString()); res.writeHead(200, { "content-type": "text/plain" }); res.end("ok"); }); }).listen(${port}, "127.0.0.1", () => console.log("ready"));`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  children.add(child);
  await new Promise((resolve) => child.stdout!.once("data", resolve));
  const result = await run(`http://127.0.0.1:${port}`, pathname, categoryId, true);
  child.kill("SIGTERM");
  return result;
}

async function main() {
  console.log(
    `Node ${process.version}, ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log("> react-router build");
  const build = spawnSync(path.join(root, "node_modules/.bin/react-router"), ["build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (build.status !== 0) throw new Error("react-router build failed");
  const dataDir = tempDir("plenary-bench-register-");
  await stop((await spawnApp(dataDir)).child);
  const database = await openDatabase({ dataDir });
  const [event] = await database.db.select().from(events).where(eq(events.slug, "tashkent-2022"));
  const [category] = await database.db
    .select()
    .from(categories)
    .where(and(eq(categories.eventId, event.id), eq(categories.code, "civil_society")));
  const before = await database.db.$count(participants, eq(participants.eventId, event.id));
  await database.close();

  const pathname = "/en/e/tashkent-2022/register";
  const { child, url } = await spawnApp(dataDir, { TRUST_PROXY: "true" });
  // One of each first: a registration must answer 200 with the confirmation, a refused one 422.
  const check = async (consent: boolean) => {
    const { body, address } = person(category.id, consent);
    const res = await fetch(url + pathname, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", origin: url, "x-forwarded-for": address },
    });
    return { status: res.status, text: await res.text() };
  };
  const ok = await check(true);
  if (ok.status !== 200 || !ok.text.includes('role="status"')) throw new Error(`a registration answered ${ok.status}`);
  const refused = await check(false);
  if (refused.status !== 422) throw new Error(`a refused registration answered ${refused.status}`);

  await run(url, pathname, category.id, true).then(() => sleep(500)); // warm-up
  const registered = await run(url, pathname, category.id, true);
  const invalid = await run(url, pathname, category.id, false);
  await stop(child);
  const floor = await bareFloor(pathname, category.id);

  const reopened = await openDatabase({ dataDir });
  const after = await reopened.db.$count(participants, eq(participants.eventId, event.id));
  await reopened.close();

  const rows = [["request", "req/s", "p50 ms", "p99 ms", "2xx", "other", "ratio to (b)"]];
  const row = (name: string, r: Result) => [
    name,
    fmt(r.requests.average),
    fmt(r.latency.p50),
    fmt(r.latency.p99),
    fmt(r["2xx"]),
    fmt(r.non2xx + r.errors + r.timeouts),
    fmt(r.requests.average / invalid.requests.average, 2),
  ];
  rows.push(row("(a) registration, written", registered));
  rows.push(row("(b) baseline: refused by validation", invalid));
  rows.push(row("(c) floor: bare node:http", floor));
  console.log(`\nPOST ${pathname}, PGlite, ${connections} connections, ${seconds} s each; ${fmt(after - before)} participants added in all runs`);
  table(rows);
}

runBench(main);
