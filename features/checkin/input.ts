import { z } from "zod";
import { localizedSchema } from "../shared/localized.ts";
import { checkinListKinds, directions, refusalReasons, scanResults } from "./vocabulary.ts";

/** A door or room to check in at, as staff write it (the API and the page share it). */
export const checkinListInput = z.object({
  name: localizedSchema,
  kind: z.enum(checkinListKinds, "invalid"),
  roomId: z.coerce.number().int().positive().nullish(),
  direction: z.enum(directions, "invalid").default("entry"),
  /** Opening hours in the event's time zone ("2026-05-12T08:00"); checked and turned into instants by the command. */
  windows: z
    .array(z.object({ from: z.string().max(40), to: z.string().max(40) }))
    .max(50)
    .default([]),
  categoryIds: z.array(z.coerce.number().int().positive()).max(100).default([]),
  version: z.coerce.number().int().positive().optional(),
});

export const kioskInput = z.object({
  listId: z.coerce.number().int().positive(),
  name: z.string().trim().min(1, "required").max(80, "too_long"),
});

/** One scan as the kiosk recorded it. The nonce makes a retry harmless. */
export const scanInput = z.object({
  nonce: z.uuid("invalid"),
  code: z.string().max(400, "too_long"),
  shown: z.enum(scanResults, "invalid"),
  shownReason: z.enum(refusalReasons, "invalid").nullish(),
  overrideReason: z.string().trim().max(500, "too_long").nullish(),
  /** The kiosk's clock at the scan, and its last known offset from the server's (server − kiosk, ms). */
  scannedAt: z.iso.datetime({ offset: true, message: "datetime.invalid" }),
  clockOffsetMs: z.coerce
    .number()
    .int()
    .min(-86_400_000 * 7)
    .max(86_400_000 * 7)
    .default(0),
});

export const maxScansPerBatch = 500;
export const scanBatchInput = z.object({ scans: z.array(scanInput).min(1, "required").max(maxScansPerBatch, "too_long") });
