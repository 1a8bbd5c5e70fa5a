// The worker thread that renders badge PDFs (render-in-worker.ts starts it): a heap of its own, bounded,
// so that a print run's garbage neither grows the app's heap nor holds up its event loop.
import { parentPort } from "node:worker_threads";
import { type RenderJob, renderBadges } from "./render-in-worker.ts";

parentPort?.on("message", async ({ id, job }: { id: number; job: RenderJob }) => {
  try {
    const bytes = await renderBadges(job);
    parentPort!.postMessage({ id, bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
