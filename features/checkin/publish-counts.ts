import type { DbOrTx } from "../../db/index.ts";
import { publishLive } from "../live/publish.ts";
import { doorCounts } from "./counts.ts";

/** Scans arrive by the thousand: counts go out at most this often per event and instance. */
export const countsEveryMs = 250;
const pending = new Map<number, NodeJS.Timeout>();

/**
 * Publishes the event's door and room counts on the live channel soon, once for all the scans that arrive
 * meanwhile. Outside the scans' transaction: the live channel's counter must not serialise the scans.
 */
export function publishCountsSoon(db: DbOrTx, event: { id: number; timezone: string }, clock: () => Date = () => new Date()): void {
  if (pending.has(event.id)) return;
  const timer = setTimeout(async () => {
    pending.delete(event.id);
    try {
      await publishLive(db, event.id, "checkin", await doorCounts(db, event, clock()));
    } catch {
      // The next batch of scans publishes again; counts are read whole each time, so nothing is lost.
    }
  }, countsEveryMs);
  timer.unref();
  pending.set(event.id, timer);
}
