/**
 * End-to-end helpers: Debian's Chromium driven by playwright-core (never a downloaded browser),
 * and axe-core injected into a page for accessibility checks.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { expect } from "vitest";

export const chromiumPath = "/usr/bin/chromium";

/** Flags for a closed network: no background connections, no updates, no sync. */
const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  /**
   * A new tab that records console errors and failed page errors in `errors`; Content-Security-Policy
   * violations are among them (Chromium reports each as a console error) and also listed in `csp`.
   */
  newPage(): Promise<Page & { errors: string[]; csp: string[] }>;
  close(): Promise<void>;
}

/** Launches Chromium with a fresh, empty profile that is removed again on close. */
export async function launchBrowser(options: BrowserContextOptions & { extraArgs?: string[] } = {}): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), "plenary-chromium-"));
  const { extraArgs = [], ...rest } = options;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs, ...extraArgs],
    viewport: { width: 1280, height: 900 },
    ...rest,
  });
  return {
    context,
    async newPage() {
      const page = (await context.newPage()) as Page & { errors: string[]; csp: string[] };
      page.errors = [];
      page.csp = [];
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        page.errors.push(`${page.url()}: ${message.text()}`);
        if (/Content Security Policy/i.test(message.text())) page.csp.push(`${page.url()}: ${message.text()}`);
      });
      page.on("pageerror", (error) => page.errors.push(`${page.url()}: ${error.message}`));
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface A11yViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** Runs axe-core on the page as it is now; returns the serious and critical violations. */
export async function checkA11y(page: Page): Promise<A11yViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== "undefined");
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern
  // (a <script> tag would be refused, as it should be).
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    interface AxeNode {
      target: unknown;
      html: unknown;
      failureSummary?: unknown;
    }
    interface AxeViolation {
      id: string;
      impact: string | null;
      help: string;
      nodes: AxeNode[];
    }
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => ({ target: String(n.target), html: String(n.html).slice(0, 200), summary: String(n.failureSummary ?? "") })),
      }));
  });
}

/** One line per violation, for a readable assertion message. */
export function describeViolations(violations: A11yViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target}  ${n.html}\n      ${n.summary.replace(/\n/g, "\n      ")}`).join("\n")}`)
    .join("\n");
}

/** Fails the test with a readable list when axe finds serious or critical violations. */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = await checkA11y(page);
  expect(violations, `${page.url()}\n${describeViolations(violations)}`).toEqual([]);
}
