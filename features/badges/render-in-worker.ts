import { Worker } from "node:worker_threads";
import type { BadgeDesign } from "./design.ts";
import { type BadgeFace, BadgePdf, type PrintableImage, perSheet } from "./render-pdf.ts";

/** One PDF of badges: what `renderBadges` draws, here or in the worker. Each group is printed with its design. */
export interface RenderJob {
  title: string;
  logo: PrintableImage | null;
  groups: { design: BadgeDesign; faces: BadgeFace[] }[];
}

/** Draws the badges, group by group and sheet by sheet, into one PDF. */
export async function renderBadges(job: RenderJob): Promise<Uint8Array> {
  const pdf = await BadgePdf.create({ title: job.title, logo: job.logo });
  for (const { design, faces } of job.groups) {
    const n = perSheet(design);
    for (let i = 0; i < faces.length; i += n) await pdf.addSheet(design, faces.slice(i, i + n));
  }
  return pdf.save();
}

/**
 * The heap limits of the render worker. A part of 100 badges needs well under this (its photos and the PDF
 * are buffers outside the heap); rendered on the main thread, the garbage of a run grew the app's heap by
 * some 250 MB and its resident memory past 600 MB (bench/badges.ts (l)).
 */
const limits = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 };
/** An idle worker ends after this long, giving its memory back; the next part starts another. */
const idleMs = 30_000;

let worker: Worker | null = null;
let idle: NodeJS.Timeout | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve(bytes: Uint8Array): void; reject(error: Error): void }>();

function failAll(error: Error) {
  for (const w of waiting.values()) w.reject(error);
  waiting.clear();
}

function started(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL("./render-worker.ts", import.meta.url), { resourceLimits: limits });
  w.unref();
  w.on("message", (m: { id: number; bytes?: Uint8Array; error?: string }) => {
    const found = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.bytes) found?.resolve(m.bytes);
    else found?.reject(new Error(m.error ?? "render failed"));
  });
  // Out of memory, or any crash: the parts it held fail (the print job is retried and resumes), the next starts afresh.
  w.on("error", (error) => {
    if (worker === w) worker = null;
    failAll(error);
  });
  w.on("exit", (code) => {
    if (worker === w) worker = null;
    if (waiting.size) failAll(new Error(`badge renderer stopped (${code})`));
  });
  worker = w;
  return w;
}

/**
 * Renders in the worker thread (one per process, started on demand, ended when idle). The faces are
 * copied to it; the PDF's bytes come back without a copy. Parts are sent one at a time by the print job.
 */
export function renderBadgesInWorker(job: RenderJob): Promise<Uint8Array> {
  clearTimeout(idle);
  const w = started();
  const id = nextId++;
  return new Promise<Uint8Array>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ id, job });
  }).finally(() => {
    if (waiting.size === 0) {
      idle = setTimeout(() => {
        if (waiting.size === 0 && worker === w) {
          worker = null;
          void w.terminate();
        }
      }, idleMs);
      idle.unref();
    }
  });
}
