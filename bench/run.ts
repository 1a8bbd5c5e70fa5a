/**
 * `npm run bench`: how fast the Russian programme page is served, against a bare node:http server
 * sending the same bytes, and how long a fresh `npm start` takes to answer.
 *
 * Every server runs in a process of its own (autocannon stays in this one), on a free port on
 * 127.0.0.1, with a fresh temporary DATA_DIR (embedded PGlite, demo content). The build is made
 * first and is not part of any timing. BENCH_SECONDS shortens the load runs (default 10 s);
 * BENCH_CONNECTIONS changes the connections (default 50); BENCH_STARTS the cold starts timed (3).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fmt, freePort, removeTempDirs, sleep, table, tempDir } from "./lib.ts";
import autocannon, { type Request, type Result } from "autocannon";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const coldStarts = Number(process.env.BENCH_STARTS ?? 3);
const page = "/ru/e/tashkent-2022/programme";
const node = process.execPath;
const children = new Set<ChildProcess>();

interface Spawned { child: ChildProcess; port: number; url: string; output: () => string; spawnedAt: number }

/** `npm start` without npm: the project's Node running server/main.ts (the build is already there). */
async function spawnApp(dataDir: string): Promise<Spawned> {
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = spawn(node, ["server/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, DATABASE_URL: "", SMTP_URL: "", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return track(child, port, spawnedAt);
}

async function spawnBare(responseFile: string): Promise<Spawned> {
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = spawn(node, [path.join(root, "bench/bare-server.ts")], {
    cwd: root, env: { ...process.env, PORT: String(port), BARE_RESPONSE: responseFile }, stdio: ["ignore", "pipe", "pipe"],
  });
  return track(child, port, spawnedAt);
}

function track(child: ChildProcess, port: number, spawnedAt: number): Spawned {
  let output = "";
  child.stdout!.on("data", (chunk) => { output += chunk; });
  child.stderr!.on("data", (chunk) => { output += chunk; });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return { child, port, url: `http://127.0.0.1:${port}`, output: () => output, spawnedAt };
}

/** Milliseconds from the spawn to the first 200 on `pathname`, polling every 5 ms. */
async function firstOk(app: Spawned, pathname: string, timeoutMs = 60_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (app.child.exitCode !== null) throw new Error(`server exited (${app.child.exitCode}):\n${app.output()}`);
    try {
      const res = await fetch(app.url + pathname);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - app.spawnedAt;
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  throw new Error(`no 200 on ${pathname} within ${timeoutMs} ms:\n${app.output()}`);
}

async function stop(app: Spawned) {
  if (app.child.exitCode !== null) return;
  const exited = new Promise((resolve) => app.child.once("exit", resolve));
  app.child.kill("SIGTERM");
  await Promise.race([exited, sleep(10_000)]);
  if (app.child.exitCode === null) app.child.kill("SIGKILL");
}

async function load(url: string, duration: number, requests?: Request[]): Promise<Result> {
  return autocannon({ url, connections, duration, requests });
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function describe(result: Result) {
  const bad = result.errors + result.timeouts + result.non2xx;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, bad };
}

async function main() {
  console.log(`Node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`${connections} connections, ${seconds} s per run (after a ${Math.max(1, Math.round(seconds / 5))} s warm-up)\n`);

  console.log("> react-router build");
  const build = spawnSync(path.join(root, "node_modules/.bin/react-router"), ["build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (build.status !== 0) throw new Error("react-router build failed");

  // 1. Start-up: spawn to first 200, on a fresh data directory (migrations and demo seeding included).
  const starts: { healthz: number; page: number }[] = [];
  let lastDataDir = "";
  for (let i = 0; i < coldStarts; i++) {
    lastDataDir = tempDir("plenary-bench-");
    const app = await spawnApp(lastDataDir);
    const healthz = await firstOk(app, "/healthz");
    const pageMs = await firstOk(app, page);
    starts.push({ healthz, page: pageMs });
    console.log(`cold start ${i + 1}: /healthz ${fmt(healthz)} ms, programme ${fmt(pageMs)} ms`);
    await stop(app);
  }
  // A restart on the data directory the last cold start left (migrations done, demo present).
  const again = await spawnApp(lastDataDir);
  const warm = { healthz: await firstOk(again, "/healthz"), page: await firstOk(again, page) };
  console.log(`restart: /healthz ${fmt(warm.healthz)} ms, programme ${fmt(warm.page)} ms`);
  await stop(again);

  // 2. The programme page under load.
  const app = await spawnApp(tempDir("plenary-bench-"));
  await firstOk(app, "/healthz");
  const first = await fetch(app.url + page);
  await first.arrayBuffer();
  const res = await fetch(app.url + page);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`programme page answered ${res.status}`);
  const headers: Record<string, string> = {};
  res.headers.forEach((value, key) => {
    if (!["date", "connection", "keep-alive", "transfer-encoding", "content-length"].includes(key)) headers[key] = value;
  });
  console.log(`\n${page}: ${fmt(bytes.length)} bytes, content-type ${headers["content-type"]}, x-cache ${headers["x-cache"] ?? "(none)"}`);

  const warmUp = Math.max(1, Math.round(seconds / 5));
  await load(app.url + page, warmUp);
  const appCached = describe(await load(app.url + page, seconds));
  console.log(`app (page cache):       ${fmt(appCached.rps)} req/s, p99 ${appCached.p99} ms`);
  // Each request a new query string: the page cache misses and React renders the page every time.
  let n = 0;
  const rendered = describe(await load(app.url + page, seconds, [{ setupRequest: (request) => ({ ...request, path: `${page}?bench=${n++}` }) }]));
  console.log(`app (rendering):        ${fmt(rendered.rps)} req/s, p99 ${rendered.p99} ms`);
  await stop(app);

  // 3. The floor: node:http with the same bytes and headers.
  const responseFile = path.join(tempDir("plenary-bench-bare-"), "response.json");
  writeFileSync(responseFile, JSON.stringify({ body: bytes.toString("base64"), headers }));
  const bare = await spawnBare(responseFile);
  await firstOk(bare, page);
  await load(bare.url + page, warmUp);
  const bareResult = describe(await load(bare.url + page, seconds));
  console.log(`bare node:http:         ${fmt(bareResult.rps)} req/s, p99 ${bareResult.p99} ms`);
  await stop(bare);

  console.log(`\nThroughput: GET ${page} (${fmt(bytes.length)} bytes), ${connections} connections, ${seconds} s`);
  table([
    ["server", "req/s", "p50 ms", "p99 ms", "errors+non-2xx", "vs bare"],
    ["Plenary (page cache hit)", fmt(appCached.rps), fmt(appCached.p50), fmt(appCached.p99), String(appCached.bad), fmt(appCached.rps / bareResult.rps, 2)],
    ["Plenary (rendering, cache miss)", fmt(rendered.rps), fmt(rendered.p50), fmt(rendered.p99), String(rendered.bad), fmt(rendered.rps / bareResult.rps, 2)],
    ["bare node:http, same bytes", fmt(bareResult.rps), fmt(bareResult.p50), fmt(bareResult.p99), String(bareResult.bad), "1.00"],
  ]);
  console.log(`\nRatio app / bare (cached page): ${fmt(appCached.rps / bareResult.rps, 2)}`);

  console.log(`\nStart-up: spawn of \`node server/main.ts\` (fresh DATA_DIR, PGlite, migrations, demo seeding) to first 200`);
  const rows = [["start", "/healthz ms", "programme ms"]];
  starts.forEach((s, i) => { rows.push([`cold ${i + 1}`, fmt(s.healthz), fmt(s.page)]); });
  rows.push(["cold, median", fmt(median(starts.map((s) => s.healthz))), fmt(median(starts.map((s) => s.page)))]);
  rows.push(["restart (existing DATA_DIR)", fmt(warm.healthz), fmt(warm.page)]);
  table(rows);
  if (appCached.bad + rendered.bad + bareResult.bad > 0) process.exitCode = 1;
}

async function cleanUp() {
  for (const child of children) child.kill("SIGKILL");
  removeTempDirs();
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(cleanUp);
