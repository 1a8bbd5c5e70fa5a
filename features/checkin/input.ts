import { z } from "zod";
import { languageCode } from "../shared/localized.ts";
import { formInteger, isPlausibleClock, optionalFormId } from "../shared/validate.ts";
import { checkinListKinds, directions, maxCodeLength, maxOverrideReasonLength, refusalReasons, scanResults } from "./vocabulary.ts";

/** A door or room to check in at, as staff write it (the API and the page share it). */
export const checkinListInput = z.object({
  // A name for a sign and a kiosk's list of doors: a line, not a page.
  name: z.record(languageCode, z.string().max(120, "too_long")),
  kind: z.enum(checkinListKinds, "invalid"),
  // The form's "—" (no room, as for a door) is an empty string.
  roomId: optionalFormId().optional(),
  direction: z.enum(directions, "invalid").default("entry"),
  /** Opening hours in the event's time zone ("2026-05-12T08:00"); checked and turned into instants by the command. */
  windows: z
    .array(z.object({ from: z.string().max(40), to: z.string().max(40) }))
    .max(50)
    .default([]),
  categoryIds: z.array(formInteger().positive()).max(100).default([]),
  version: formInteger().positive().optional(),
});

export const kioskInput = z.object({
  listId: formInteger().positive(),
  name: z.string().trim().min(1, "required").max(80, "too_long"),
});

/** One scan as the kiosk recorded it. The nonce makes a retry harmless. */
export const scanInput = z.object({
  nonce: z.uuid("invalid"),
  code: z.string().max(maxCodeLength, "too_long"),
  shown: z.enum(scanResults, "invalid"),
  shownReason: z.enum(refusalReasons, "invalid").nullish(),
  overrideReason: z.string().trim().max(maxOverrideReasonLength, "too_long").nullish(),
  /** The kiosk's clock at the scan, and its last known offset from the server's (server − kiosk, ms). */
  scannedAt: z.iso.datetime({ offset: true, message: "datetime.invalid" }).refine(isPlausibleClock, "datetime.invalid"),
  clockOffsetMs: formInteger()
    .min(-86_400_000 * 7)
    .max(86_400_000 * 7)
    .default(0),
});

export const maxScansPerBatch = 500;
export const scanBatchInput = z.object({ scans: z.array(scanInput).min(1, "required").max(maxScansPerBatch, "too_long") });
