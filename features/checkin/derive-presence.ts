import { dayInZone } from "../badges/code.ts";
import type { CheckinListKind, Direction } from "./vocabulary.ts";

/**
 * Where a person is, derived from their admitted scans in time order, never a counter a retry or a late
 * upload could push wrong. A late upload changes the order: the caller derives again from all the scans.
 */
export interface AdmittedScan {
  id: number;
  scannedAt: Date;
  kind: CheckinListKind;
  direction: Direction;
  roomId: number | null;
}

export interface Derived {
  /** For each scan: the scan it repeats (an entry while already inside), or null when it counts. */
  duplicateOf: Map<number, number | null>;
  inVenue: boolean;
  roomId: number | null;
  lastScanId: number | null;
}

export function derivePresence(scans: readonly AdmittedScan[], timeZone: string): Derived {
  const ordered = [...scans].sort((a, b) => a.scannedAt.getTime() - b.scannedAt.getTime() || a.id - b.id);
  const duplicateOf = new Map<number, number | null>();
  let day: number | null = null;
  let venueEntry: number | null = null;
  let room: { id: number | null; entry: number } | null = null;
  let lastScanId: number | null = null;
  for (const scan of ordered) {
    const today = dayInZone(scan.scannedAt, timeZone);
    if (today !== day) {
      // A new day in the event's time zone: nobody is still inside from yesterday.
      day = today;
      venueEntry = null;
      room = null;
    }
    let repeats: number | null = null;
    if (scan.kind === "door") {
      if (scan.direction === "entry") {
        if (venueEntry !== null) repeats = venueEntry;
        else venueEntry = scan.id;
      } else {
        venueEntry = null;
        room = null;
      }
    } else if (scan.direction === "entry") {
      // Entering a room leaves the room one was in.
      if (room && room.id === scan.roomId) repeats = room.entry;
      else room = { id: scan.roomId, entry: scan.id };
    } else if (room && room.id === scan.roomId) {
      room = null;
    }
    duplicateOf.set(scan.id, repeats);
    lastScanId = scan.id;
  }
  return { duplicateOf, inVenue: venueEntry !== null || room !== null, roomId: room?.id ?? null, lastScanId };
}
