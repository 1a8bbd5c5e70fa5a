/**
 * `npm test`: typecheck, format and lint (Biome), make sure Debian's Chromium, zbarimg and poppler are there, build once, run Vitest, and print one
 * summed line `N passed, N failed` (Vitest's tests plus the typecheck and any step that broke),
 * even when a step fails. Arguments after `npm test --` go to Vitest (`npm test -- e2e/`).
 *
 * The counts are also written to test-results/summary.json for .ci/run to sum.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const resultsDir = path.join(root, "test-results");
const vitestReport = path.join(resultsDir, "vitest.json");
const summaryFile = path.join(resultsDir, "summary.json");
const chromium = "/usr/bin/chromium";
const vitestArgs = process.argv.slice(2);

interface Step {
  name: string;
  ok: boolean;
  detail?: string;
}
const steps: Step[] = [];
let passed = 0;
let failed = 0;

function check(name: string, ok: boolean, detail?: string) {
  steps.push({ name, ok, detail });
  if (ok) passed += 1;
  else failed += 1;
}

/** Runs a command with the project's Node 24 and node_modules/.bin first on PATH; resolves to its exit code. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  const bin = path.join(root, "node_modules", ".bin");
  const PATH = [bin, path.dirname(process.execPath), process.env.PATH ?? ""].join(path.delimiter);
  console.log(`\n> ${command} ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, PATH, ...env } });
    child.on("error", (error) => {
      console.error(String(error));
      resolve(127);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function finish(): never {
  try {
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(summaryFile, `${JSON.stringify({ passed, failed, steps }, null, 2)}\n`);
  } catch (error) {
    console.error(`Could not write ${summaryFile}: ${String(error)}`);
  }
  const broken = steps.filter((s) => !s.ok);
  if (broken.length > 0) {
    console.log("\nFailed:");
    for (const s of broken) console.log(`  - ${s.name}${s.detail ? `: ${s.detail}` : ""}`);
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

async function typecheck() {
  const typegen = await run("react-router", ["typegen"]);
  if (typegen !== 0) return check("typecheck", false, "react-router typegen failed");
  const tsc = await run("tsc", ["--noEmit"]);
  check("typecheck", tsc === 0, tsc === 0 ? undefined : "tsc --noEmit reported errors");
}

/**
 * Real peers the tests drive, from Debian's packages: Chromium (end-to-end tests), zbarimg (reading the
 * QR codes of printed badges back), poppler's pdftoppm and pdftotext (reading PDFs back). Never skipped
 * silently: installed with apt when we are root, else the command to run is printed.
 */
const systemTools = [
  { bin: chromium, pkg: "chromium" },
  { bin: "/usr/bin/zbarimg", pkg: "zbar-tools" },
  { bin: "/usr/bin/pdftoppm", pkg: "poppler-utils" },
  // LibreOffice Calc makes the XLSX of the new-event walk-through (e2e/new-event.test.ts); /usr/bin/soffice alone may be only the core.
  { bin: "/usr/lib/libreoffice/share/registry/calc.xcd", pkg: "libreoffice-calc-nogui" },
  // LibreOffice Writer reads the negotiation room's DOCX exports back (features/negotiation/exports/exports.test.ts).
  { bin: "/usr/lib/libreoffice/share/registry/writer.xcd", pkg: "libreoffice-writer-nogui" },
];

async function ensureSystemTools(): Promise<boolean> {
  const missing = systemTools.filter((t) => !existsSync(t.bin));
  if (missing.length === 0) return true;
  const packages = missing.map((t) => t.pkg).join(" ");
  const command = `apt-get update && apt-get install -y ${packages}`;
  if (process.getuid?.() !== 0) {
    console.error(`\n${missing.map((t) => t.bin).join(", ")} missing; the tests need Debian's ${packages}. Install with:\n\n  sudo sh -c '${command}'\n`);
    check("system tools", false, `missing: run  sudo sh -c '${command}'`);
    return false;
  }
  console.log(`\n${missing.map((t) => t.bin).join(", ")} missing: installing ${packages} with apt`);
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  const code =
    (await run("apt-get", ["update"], env)) || (await run("apt-get", ["install", "-y", "--no-install-recommends", ...missing.map((t) => t.pkg)], env));
  if (code !== 0 || missing.some((t) => !existsSync(t.bin))) {
    check("system tools", false, `apt-get failed (exit ${code}); run  ${command}`);
    return false;
  }
  return true;
}

/** Counts from Vitest's JSON report; a file that failed outside any test (an import, a hook) counts once. */
function countVitest(exitCode: number) {
  if (!existsSync(vitestReport)) {
    check("vitest", false, `no JSON report (exit ${exitCode})`);
    return;
  }
  const report = JSON.parse(readFileSync(vitestReport, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: { name: string; status: string; message: string; assertionResults: { status: string }[] }[];
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  let counted = report.numFailedTests;
  for (const file of report.testResults) {
    if (file.status === "failed" && !file.assertionResults.some((a) => a.status === "failed")) {
      check(path.relative(root, file.name), false, (file.message || "failed outside a test").split("\n")[0]);
      counted += 1;
    }
  }
  if (exitCode !== 0 && counted === 0) check("vitest", false, `exited with ${exitCode} though no test failed (unhandled error?)`);
}

/** Biome: the formatter's and the linter's verdict, import boundaries included (biome.json). */
async function lint() {
  const code = await run("biome", ["ci", "--max-diagnostics=50", "."]);
  check("format and lint (biome ci)", code === 0, code === 0 ? undefined : "run  npx biome check --write .  and fix what remains");
}

async function main() {
  rmSync(vitestReport, { force: true });
  rmSync(summaryFile, { force: true });
  await typecheck();
  await lint();
  if (!(await ensureSystemTools())) finish();

  const build = await run("react-router", ["build"]);
  if (build !== 0) {
    check("build", false, `react-router build exited with ${build}`);
    finish();
  }
  const code = await run("vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.relative(root, vitestReport)}`, ...vitestArgs], {
    PLENARY_SKIP_BUILD: "1",
  });
  countVitest(code);
  finish();
}

main().catch((error) => {
  console.error(error);
  check("scripts/test.ts", false, String(error));
  finish();
});
