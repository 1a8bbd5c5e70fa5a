/**
 * wrk (Debian's package) as the load generator: written in C with an event loop per thread, it has
 * CPU to spare where autocannon, in one Node process, tops out near the server's own rate. Installed
 * with apt where missing (as .ci/run installs Chromium). Results come from a Lua `done` hook that prints
 * JSON, not from parsing wrk's text.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "./lib.ts";

export interface WrkResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** Socket errors, timeouts and answers outside 2xx/3xx. */
  bad: number;
  /** Answers carrying `x-cache: hit` (counted only when `countHits` is set). */
  hits?: number;
  /** Requests that took longer than 2 s (a timeout, at 5 s, is counted in `bad` instead). */
  over2s: number;
  /** CPU seconds wrk itself used (user + system, from the shell's `times`), and the wall-clock seconds it ran. */
  cpuSeconds: number;
  wallSeconds: number;
}

export function ensureWrk(): string {
  for (const candidate of ["/usr/bin/wrk", "/usr/local/bin/wrk"]) if (existsSync(candidate)) return candidate;
  if (process.getuid?.() !== 0) throw new Error("wrk is missing: run  sudo apt-get install -y wrk");
  console.log("wrk is missing: installing Debian's wrk with apt");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update"], { stdio: "inherit", env });
  const installed = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "wrk"], { stdio: "inherit", env });
  if (installed.status !== 0 || !existsSync("/usr/bin/wrk")) throw new Error("apt-get install wrk failed");
  return "/usr/bin/wrk";
}

const report = `
done = function(summary, latency, requests)
  local e = summary.errors
  local slow = 0
  for i = 1, #latency do
    local value, count = latency(i)
    if value > 2000000 then slow = slow + count end
  end
  io.write(string.format('WRK_JSON {"requests":%d,"seconds":%f,"p50":%f,"p99":%f,"max":%f,"bad":%d,"hits":%d,"over2s":%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout + e.status, hits_total or 0, slow))
end
`;

export interface WrkOptions {
  url: string;
  seconds: number;
  connections: number;
  threads?: number;
  headers?: Record<string, string>;
  /** Lua for `request = function() … end` and friends, placed before the reporting hook. */
  lua?: string;
  /** Count `x-cache: hit` answers (a Lua `response` hook: slower, use only where the count matters). */
  countHits?: boolean;
}

/** Globals, not locals: the main Lua state reads each thread's count through `thread:get`. */
const hitCounter = `
hits = 0
threads_list = {}
setup = function(thread) table.insert(threads_list, thread) end
response = function(status, headers, body) if headers["x-cache"] == "hit" then hits = hits + 1 end end
`;

export async function wrk(options: WrkOptions): Promise<WrkResult> {
  const binary = ensureWrk();
  const script = path.join(tempDir("plenary-wrk-"), "script.lua");
  let lua = `${options.countHits ? hitCounter : ""}${options.lua ?? ""}\n${report}`;
  if (options.countHits) {
    lua = lua.replace(
      "done = function(summary, latency, requests)",
      "done = function(summary, latency, requests)\n  hits_total = 0\n  for _, t in ipairs(threads_list) do hits_total = hits_total + (t:get('hits') or 0) end",
    );
  }
  writeFileSync(script, lua);
  const args = ["-t", String(options.threads ?? 2), "-c", String(options.connections), "-d", `${options.seconds}s`, "--timeout", "5s", "-s", script];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push("-H", `${name}: ${value}`);
  args.push(options.url);
  // Through bash, whose `times` then prints the CPU time its child (wrk) used: the load generator's own cost.
  const quoted = [binary, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  const started = performance.now();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn("bash", ["-c", `${quoted}; echo WRK_TIMES; times`], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      out += chunk;
    });
    child.once("error", reject);
    child.once("exit", () => resolve(out));
  });
  const line = output.split("\n").find((l) => l.startsWith("WRK_JSON "));
  if (!line) throw new Error(`wrk printed no result:\n${output}`);
  const wallSeconds = (performance.now() - started) / 1000;
  const parsed = JSON.parse(line.slice(9)) as {
    requests: number;
    seconds: number;
    p50: number;
    p99: number;
    max: number;
    bad: number;
    hits: number;
    over2s: number;
  };
  // `times` prints the shell's own user and system time, then its children's: "0m1.234s 0m0.567s".
  const times = /WRK_TIMES\n.*\n(\d+)m([\d.]+)s (\d+)m([\d.]+)s/.exec(output);
  const cpuSeconds = times ? Number(times[1]) * 60 + Number(times[2]) + Number(times[3]) * 60 + Number(times[4]) : NaN;
  return {
    requests: parsed.requests,
    rps: parsed.requests / parsed.seconds,
    p50: parsed.p50,
    p99: parsed.p99,
    max: parsed.max,
    bad: parsed.bad,
    hits: options.countHits ? parsed.hits : undefined,
    over2s: parsed.over2s,
    cpuSeconds,
    wallSeconds,
  };
}
