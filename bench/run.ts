/**
 * `npm run bench`: every benchmark, one after the other, each in a process of its own, then every aim they
 * measured with "met" or "NOT MET". What each part measures, and how to run one alone: bench/README.md.
 *
 *   bench/pages.ts     public pages (wrk): cached, hit rate under writes, random query strings, uncached on
 *                      PGlite and PostgreSQL, two processes, memory, losing the database connections, start-up
 *   bench/live.ts      the live channel: 1,000 server-sent event streams, delivery latency, memory per stream
 *   bench/register.ts  registrations per second through the public form
 *   bench/import.ts    importing 100,000 participants; the staff list with 100,000 rows (wrk)
 *   bench/badges.ts    scans per second (wrk), printing 10,000 badges, a kiosk's roster sync, live counts
 *   bench/negotiation.ts  a 150-paragraph redline, DOCX/PDF/Akoma Ntoso exports, amendments with 200 delegates live
 *   bench/library.ts   a PDF's text for search (against pdftotext), searching 1,000 documents (PGlite, PostgreSQL)
 *
 * BENCH_ONLY=pages,live picks parts; BENCH_SECONDS (10) shortens every load run. The machine should be quiet:
 * every figure is printed beside a baseline measured in the same run, but a busy machine moves both.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Aim, machineLine, printAims, removeTempDirs, tempDir } from "./lib.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const parts = ["pages", "live", "register", "import", "badges", "negotiation", "library"] as const;
const only = process.env.BENCH_ONLY?.split(",")
  .map((p) => p.trim())
  .filter(Boolean);

async function main() {
  console.log(machineLine());
  const aimsFile = path.join(tempDir("plenary-bench-aims-"), "aims.jsonl");
  writeFileSync(aimsFile, "");
  const failed: string[] = [];
  for (const part of parts) {
    if (only && !only.includes(part)) continue;
    console.log(`\n==================== bench/${part}.ts ====================`);
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [path.join(root, `bench/${part}.ts`)], {
        cwd: root,
        stdio: "inherit",
        env: { ...process.env, BENCH_AIMS_FILE: aimsFile },
      });
      child.once("exit", resolve);
    });
    if (code !== 0) failed.push(part);
  }
  const aims = readFileSync(aimsFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Aim);
  console.log("\n==================== summary ====================");
  printAims(`Aims (${aims.filter((a) => a.met).length} of ${aims.length} met)`, aims);
  if (failed.length) {
    console.log(`\nFailed: ${failed.map((p) => `bench/${p}.ts`).join(", ")}`);
    process.exitCode = 1;
  }
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(removeTempDirs);
