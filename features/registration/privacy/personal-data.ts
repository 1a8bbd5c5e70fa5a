import { and, eq } from "drizzle-orm";
import { imageSize } from "image-size";
import { z } from "zod";
import { recordAudit } from "../../access/audit.ts";
import type { EventRow } from "../../events/queries.ts";
import { fileRules } from "../../files/kinds.ts";
import { fileStore } from "../../files/store.ts";
import { putPhoto } from "../../files/thumbnails.ts";
import type { LinkContext } from "../../shared/context.ts";
import { AppError, Invalid } from "../../shared/errors.ts";
import { formInteger, parseInput } from "../../shared/validate.ts";
import { assertLinkMay } from "../links/link-policy.ts";
import { linkState, type participantForToken } from "../links/portal.ts";
import { idDocumentTypes, participants, type StandardField } from "../schema.ts";
import { createSealer, identityHash } from "./crypto.ts";

const date = z.preprocess(
  (v) => (v === "" || v == null ? undefined : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "date.invalid")
    .refine((s) => !Number.isNaN(Date.parse(s)), "date.invalid")
    .optional(),
);

/** Identity and travel details a participant gives on their own page; ID number and birth date are sealed at rest. */
export const personalInput = z.object({
  nationality: z.preprocess(
    (v) => (v === "" || v == null ? undefined : typeof v === "string" ? v.toUpperCase() : v),
    z
      .string()
      .regex(/^[A-Z]{2}$/, "country.invalid")
      .optional(),
  ),
  idDocumentType: z.preprocess((v) => (v === "" ? undefined : v), z.enum(idDocumentTypes, "invalid").optional()),
  idDocumentNumber: z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/\s+/g, "").toUpperCase() || undefined : v),
    z
      .string()
      .regex(/^[A-Z0-9-]{3,30}$/, "id.number_format")
      .optional(),
  ),
  idDocumentExpiry: date,
  birthDate: date,
  arrival: date,
  departure: date,
  version: formInteger().positive(),
});

type Row = Awaited<ReturnType<typeof participantForToken>>;

/** Which of the category's required items are still missing. */
export function missingItems(row: Row): StandardField[] {
  const p = row.participant;
  const has: Partial<Record<StandardField, boolean>> = {
    nationality: !!p.nationality,
    idDocument: !!(p.idDocumentType && p.idDocumentNumberEnc && p.idDocumentExpiry),
    birthDate: !!p.birthDateEnc,
    photo: !!p.photoFileId,
    travel: !!(p.arrival && p.departure),
    position: !!p.position,
    organisation: !!p.organisation,
    phone: !!p.phone,
  };
  return row.category.requiredFields.filter((f) => has[f] === false);
}

function assertEditable(event: EventRow, row: Row, now: Date) {
  assertLinkMay("participant", "participant.edit", linkState(event, row, now));
}

export async function savePersonalData(ctx: LinkContext, secret: string, event: EventRow, row: Row, input: unknown) {
  const { db, now } = ctx;
  assertEditable(event, row, now);
  const { version, idDocumentNumber, birthDate, ...data } = parseInput(personalInput, input);
  const required = row.category.requiredFields;
  const fields: Record<string, string> = {};
  // A field the category requires may not be left empty once it has been asked for.
  if (required.includes("nationality") && !data.nationality) fields.nationality = "required";
  if (required.includes("idDocument")) {
    if (!data.idDocumentType) fields.idDocumentType = "required";
    if (!idDocumentNumber && !row.participant.idDocumentNumberEnc) fields.idDocumentNumber = "required";
    if (!data.idDocumentExpiry) fields.idDocumentExpiry = "required";
  }
  if (required.includes("birthDate") && !birthDate && !row.participant.birthDateEnc) fields.birthDate = "required";
  if (data.idDocumentExpiry && data.idDocumentExpiry < event.endDate) fields.idDocumentExpiry = "id.expires_before_event";
  if (birthDate && (birthDate < "1900-01-01" || new Date(birthDate) >= now)) fields.birthDate = "date.invalid";
  if (data.arrival && data.departure && data.departure < data.arrival) fields.departure = "travel.departure_before_arrival";
  if (Object.keys(fields).length) throw Invalid("validation", fields);

  const sealer = createSealer(secret);
  const p = row.participant;
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .update(participants)
      .set({
        nationality: data.nationality ?? null,
        idDocumentType: data.idDocumentType ?? null,
        idDocumentExpiry: data.idDocumentExpiry ?? null,
        arrival: data.arrival ?? null,
        departure: data.departure ?? null,
        ...(idDocumentNumber ? { idDocumentNumberEnc: sealer.seal(idDocumentNumber) } : {}),
        ...(birthDate ? { birthDateEnc: sealer.seal(birthDate), identityHash: identityHash(secret, p.givenName, p.familyName, birthDate) } : {}),
        version: version + 1,
        updatedAt: now,
      })
      .where(and(eq(participants.id, p.id), eq(participants.version, version)))
      .returning();
    if (!saved) throw new AppError(409, "conflict.stale");
    // The audit says what changed, never the ID number or birth date themselves.
    await recordAudit(tx, {
      eventId: event.id,
      actorId: null,
      entity: "participant",
      entityId: p.id,
      action: "update",
      before: {
        nationality: p.nationality,
        idDocumentType: p.idDocumentType,
        idDocumentExpiry: p.idDocumentExpiry,
        arrival: p.arrival,
        departure: p.departure,
      },
      after: {
        nationality: saved.nationality,
        idDocumentType: saved.idDocumentType,
        idDocumentExpiry: saved.idDocumentExpiry,
        arrival: saved.arrival,
        departure: saved.departure,
        idDocumentNumber: idDocumentNumber ? "changed" : undefined,
        birthDate: birthDate ? "changed" : undefined,
        by: "participant",
      },
    });
    return saved;
  });
}

/** Passport-style photos: a real JPEG or PNG of at least 300 × 300 pixels, within the store's limit (features/files/kinds.ts). */
export const minPhotoPixels = 300;

/** Refuses an empty upload and a photo too small to print on a badge; the file store checks its type and size. */
export async function checkPhoto(file: File | null | undefined): Promise<File> {
  if (!file || typeof file === "string" || file.size === 0) throw Invalid("validation", { photo: "upload.empty" });
  if (file.size <= fileRules.photo.maxBytes) {
    let size: { width?: number; height?: number } = {};
    try {
      size = imageSize(new Uint8Array(await file.arrayBuffer()));
    } catch {
      size = {};
    }
    if (size.width !== undefined && size.height !== undefined && (size.width < minPhotoPixels || size.height < minPhotoPixels)) {
      throw Invalid("validation", { photo: "upload.photo_too_small" }, { min: minPhotoPixels });
    }
  }
  return file;
}

export async function uploadPhoto(ctx: LinkContext, event: EventRow, row: Row, upload: File | null | undefined) {
  const { db, now } = ctx;
  assertEditable(event, row, now);
  const file = await checkPhoto(upload);
  return db.transaction(async (tx) => {
    const fileId = (await putPhoto(tx, { eventId: event.id, filename: file.name, body: file })).id;
    await tx
      .update(participants)
      .set({ photoFileId: fileId, version: row.participant.version + 1, updatedAt: now })
      .where(eq(participants.id, row.participant.id));
    // The photo it replaces is personal data nobody points at any more.
    if (row.participant.photoFileId) await fileStore.delete(tx, event.id, { ids: [row.participant.photoFileId], kinds: ["photo"] });
    await recordAudit(tx, {
      eventId: event.id,
      actorId: null,
      entity: "participant",
      entityId: row.participant.id,
      action: "update",
      before: { photoFileId: row.participant.photoFileId },
      after: { photoFileId: fileId, by: "participant" },
    });
    return fileId;
  });
}

/** The last characters only, for showing a sealed number back to its owner. */
export function maskedIdNumber(secret: string, sealed: string | null): string | null {
  if (!sealed) return null;
  const plain = createSealer(secret).open(sealed);
  return `${"•".repeat(Math.max(0, plain.length - 3))}${plain.slice(-3)}`;
}
