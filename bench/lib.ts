// Helpers shared by the benchmarks: temporary folders, number formatting, plain-text tables.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

import { freePort } from "../test/free-port.ts";

export { freePort };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** App processes a benchmark started: killed when it ends, whatever happens. */
export const children = new Set<ChildProcess>();

const temps: string[] = [];

export function tempDir(prefix: string) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export function removeTempDirs() {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A left-aligned first column and right-aligned numbers. */
export function table(rows: string[][]) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  console.log(line(rows[0]));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows.slice(1)) console.log(line(r));
}

/**
 * How `npm start` runs the app (package.json): the environment it sets and node's flags, read from the script
 * itself so that the benchmarks measure the same process (memory settings: docs/decisions/0025).
 */
export function startCommand(): { env: Record<string, string>; nodeArgs: string[] } {
  const script = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
  const match = /^((?:\w+=\S+\s+)*)exec node ((?:--\S+\s+)*)server\/main\.ts$/.exec(script);
  if (!match) throw new Error(`package.json's start script is not "<VAR=value …> exec node <--flag …> server/main.ts": ${script}`);
  const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);
  return { env: Object.fromEntries(words(match[1]).map((word) => word.split("=") as [string, string])), nodeArgs: words(match[2]) };
}

/** The app (`server/main.ts`) in a process of its own on a PGlite data directory; resolves once /healthz answers. */
export async function spawnApp(dataDir: string, env: Record<string, string> = {}, nodeArgs: string[] = []) {
  const port = await freePort();
  // BENCH_PROFILE=<dir>: the app writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const start = startCommand();
  const child = spawn(process.execPath, [...start.nodeArgs, ...profile, ...nodeArgs, "server/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      ...start.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      SMTP_URL: "",
      NODE_ENV: "production",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr!.on("data", (chunk) => {
    output += chunk;
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      await res.arrayBuffer();
      if (res.ok) return { child, url, port, output: () => output };
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  throw new Error(`the app did not start:\n${output}`);
}

export async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(15_000)]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

/** `react-router build`, before any timing. */
export function build() {
  console.log("> react-router build");
  const built = spawnSync(path.join(root, "node_modules/.bin/react-router"), ["build"], { cwd: root, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (built.status !== 0) throw new Error(`react-router build failed:\n${built.stderr}`);
}

export function machineLine(): string {
  return `Node ${process.version}, ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`;
}

/** Resident memory of a process, in MB (VmRSS of /proc/<pid>/status). */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** CPU seconds a process has used so far (utime + stime of /proc/<pid>/stat; 100 ticks a second on Linux). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** A fixed piece of work (JSON in and out, as a render's data does), repeated for `ms`: prints its count. */
const busyLoop = `const end = Date.now() + Number(process.argv[1]); const o = { a: [1, 2, 3], b: "x".repeat(200), c: { d: true } }; let n = 0;
while (Date.now() < end) { for (let i = 0; i < 1000; i++) JSON.parse(JSON.stringify(o)); n++; } console.log(n);`;

async function busy(ms: number, processes: number): Promise<number> {
  const runs = Array.from({ length: processes }, () => {
    const child = spawn(process.execPath, ["-e", busyLoop, String(ms)], { stdio: ["ignore", "pipe", "inherit"] });
    children.add(child);
    let out = "";
    child.stdout!.on("data", (chunk) => (out += chunk));
    return new Promise<number>((resolve) => child.once("exit", () => resolve(Number(out))));
  });
  return (await Promise.all(runs)).reduce((a, b) => a + b, 0);
}

/**
 * What this machine's cores give together: the same CPU-bound work in one process, then in as many
 * processes as cores at once. On a virtual machine two "cores" may share one physical core and give far
 * less than twice the work: no number of app processes can scale past this.
 */
export async function coreScaling(ms = 3000): Promise<{ one: number; all: number; ratio: number }> {
  const one = await busy(ms, 1);
  const all = await busy(ms, cpus().length);
  return { one, all, ratio: all / one };
}

/**
 * CPU seconds (user + system) of every process on the machine that `take` picks by its name and parent:
 * a cluster's workers (children of the primary), PostgreSQL's server and backends.
 */
export function processesCpuSeconds(take: (name: string, pid: number, parent: number) => boolean): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (take(name, Number(entry), Number(fields[1]))) total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

/**
 * The PostgreSQL the benchmarks may use: DATABASE_URL when set, else postgres://postgres@127.0.0.1:5432 when
 * something answers there; null (PostgreSQL left out) with BENCH_PG=0 or nothing answering.
 */
export async function postgresBase(): Promise<{ url: string; version: string } | null> {
  if (process.env.BENCH_PG === "0") return null;
  const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await probe.connect();
    const { rows } = await probe.query("SHOW server_version");
    return { url, version: `PostgreSQL ${String(rows[0].server_version).split(" ")[0]}` };
  } catch {
    console.log(`(no PostgreSQL answers at ${new URL(url).host}: PostgreSQL is left out)`);
    return null;
  } finally {
    await probe.end().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------------
// Aims: each benchmark notes its aims as it measures them; `npm run bench` (bench/run.ts) gathers them
// from every part through the file named by BENCH_AIMS_FILE and prints them together at the end.

export interface Aim {
  scenario: string;
  aim: string;
  figure: string;
  met: boolean;
}
const aims: Aim[] = [];

export function aim(scenario: string, aimText: string, figure: string, met: boolean) {
  const entry = { scenario, aim: aimText, figure, met };
  aims.push(entry);
  if (process.env.BENCH_AIMS_FILE) appendFileSync(process.env.BENCH_AIMS_FILE, `${JSON.stringify(entry)}\n`);
}

export function printAims(title: string, list: Aim[] = aims) {
  if (list.length === 0) return;
  console.log(`\n${title}`);
  table([["scenario", "aim", "figure", "met?"], ...list.map((a) => [a.scenario, a.aim, a.figure, a.met ? "met" : "NOT MET"])]);
}

/** Runs a benchmark's main: an error is printed and fails the run; children are killed and temporary folders removed whatever happens. */
export function runBench(main: () => Promise<void>): void {
  main()
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => {
      for (const child of children) child.kill("SIGKILL");
      removeTempDirs();
    });
}
