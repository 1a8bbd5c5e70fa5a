import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { createTranslator, interfaceLanguages, languageName } from "../../../i18n/index.ts";
import { recordAudit } from "../../access/audit.ts";
import { can } from "../../access/policy.ts";
import type { EventRow } from "../../events/queries.ts";
import { fileStore } from "../../files/store.ts";
import { putPhoto } from "../../files/thumbnails.ts";
import type { StaffContext } from "../../shared/context.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../../shared/errors.ts";
import { parseInput, toId } from "../../shared/validate.ts";
import { linkExpiry } from "../delegations/delegations.ts";
import { participantPortalUrl } from "../delegations/nominations.ts";
import { createLink } from "../links/links.ts";
import { sendRegistrationMail } from "../mailing/send-registration-mail.ts";
import { createSealer, identityHash } from "../privacy/crypto.ts";
import { checkPhoto, personalInput } from "../privacy/personal-data.ts";
import { participants, type RecordSource, recordSources } from "../schema.ts";

/**
 * What the secretariat copies from a paper form, an email, a call or a visit. The consent and language are
 * always sent (the form shows the stored ones); an empty ID number or birth date leaves the sealed one as it is.
 */
export const paperInput = z.object({
  source: z.enum(recordSources, "record.source_required"),
  consentList: z.enum(["yes", "no"], "invalid").transform((v) => v === "yes"),
  lang: z.enum(interfaceLanguages, "language.interface_only"),
  nationality: personalInput.shape.nationality,
  idDocumentType: personalInput.shape.idDocumentType,
  idDocumentNumber: personalInput.shape.idDocumentNumber,
  idDocumentExpiry: personalInput.shape.idDocumentExpiry,
  birthDate: personalInput.shape.birthDate,
  version: z.coerce.number("required").int("required").positive("required").max(2_147_483_647, "required"),
});

/** What the participant is told changed (never the ID number or birth date themselves). */
export type RecordedChange = "consentList" | "lang" | "identity" | "photo";

/**
 * Staff record details that reached them outside the person's own page. Each save says where the details
 * came from (`source`, in the audit row with the changes); the person gets an email in their (new)
 * language listing what was recorded and how, with a fresh link to check it. Version-checked: a stale
 * form answers 409 and changes nothing.
 */
export async function recordPaperDetails(
  ctx: StaffContext & { secret: string },
  event: EventRow,
  participantId: unknown,
  input: unknown,
  photo?: File | null,
): Promise<{ changes: RecordedChange[] }> {
  if (!can(ctx.actor, "participants.record")) throw Forbidden();
  const id = toId(participantId);
  if (!id) throw NotFound();
  const { version, source, idDocumentNumber, birthDate, ...data } = parseInput(paperInput, input);
  const fields: Record<string, string> = {};
  if (data.idDocumentExpiry && data.idDocumentExpiry < event.endDate) fields.idDocumentExpiry = "id.expires_before_event";
  if (birthDate && (birthDate < "1900-01-01" || new Date(birthDate) >= ctx.now)) fields.birthDate = "date.invalid";
  if (Object.keys(fields).length) throw Invalid("validation", fields);
  const newPhoto = photo && typeof photo !== "string" && photo.size > 0 ? await checkPhoto(photo) : null;

  const sealer = createSealer(ctx.secret);
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(participants)
      .where(and(eq(participants.id, id), eq(participants.eventId, event.id)))
      .for("update");
    if (!current) throw NotFound();
    if (current.version !== version) throw Conflict("conflict.stale", { current: current.version });
    const identity = {
      nationality: data.nationality ?? null,
      idDocumentType: data.idDocumentType ?? null,
      idDocumentExpiry: data.idDocumentExpiry ?? null,
    };
    const changes: RecordedChange[] = [];
    if (data.consentList !== current.consentList) changes.push("consentList");
    if (data.lang !== current.lang) changes.push("lang");
    const identityChanged =
      idDocumentNumber !== undefined ||
      birthDate !== undefined ||
      identity.nationality !== current.nationality ||
      identity.idDocumentType !== current.idDocumentType ||
      identity.idDocumentExpiry !== current.idDocumentExpiry;
    if (identityChanged) changes.push("identity");
    if (newPhoto) changes.push("photo");
    if (changes.length === 0) return { changes };

    const photoFileId = newPhoto ? (await putPhoto(tx, { eventId: event.id, filename: newPhoto.name, body: newPhoto })).id : current.photoFileId;
    const [saved] = await tx
      .update(participants)
      .set({
        consentList: data.consentList,
        lang: data.lang,
        ...identity,
        ...(idDocumentNumber ? { idDocumentNumberEnc: sealer.seal(idDocumentNumber) } : {}),
        ...(birthDate
          ? { birthDateEnc: sealer.seal(birthDate), identityHash: identityHash(ctx.secret, current.givenName, current.familyName, birthDate) }
          : {}),
        photoFileId,
        version: version + 1,
        updatedAt: ctx.now,
      })
      .where(and(eq(participants.id, id), eq(participants.version, version)))
      .returning();
    if (!saved) throw Conflict("conflict.stale");
    // The photo it replaces is personal data nobody points at any more.
    if (newPhoto && current.photoFileId) await fileStore.delete(tx, event.id, { ids: [current.photoFileId], kinds: ["photo"] });
    const shown = (p: typeof current) => ({
      consentList: p.consentList,
      lang: p.lang,
      nationality: p.nationality,
      idDocumentType: p.idDocumentType,
      idDocumentExpiry: p.idDocumentExpiry,
      photoFileId: p.photoFileId,
    });
    // The audit says what changed and where it came from, never the ID number or birth date themselves.
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "participant",
      entityId: id,
      action: "update",
      before: shown(current),
      after: {
        ...shown(saved),
        idDocumentNumber: idDocumentNumber ? "changed" : undefined,
        birthDate: birthDate ? "changed" : undefined,
        source,
        by: "staff",
      },
    });
    const token = await createLink(tx, { eventId: event.id, purpose: "participant", participantId: id, expiresAt: linkExpiry(event, ctx.now) });
    await sendRegistrationMail(tx, event, {
      kind: "detailsRecorded",
      to: saved.email,
      lang: saved.lang,
      name: `${saved.givenName} ${saved.familyName}`,
      link: participantPortalUrl(ctx.publicUrl, event, saved.lang, token),
      key: `${id}:${saved.version}`,
      participantId: id,
      extra: { changes: changeLines(saved.lang, changes, saved), source: sourceText(saved.lang, source) },
    });
    return { changes };
  });
}

/** One line per change, in the reader's language. */
export function changeLines(lang: string, changes: readonly RecordedChange[], saved: { consentList: boolean; lang: string }): string {
  const t = createTranslator(lang);
  return changes
    .map((change) =>
      change === "consentList"
        ? t(saved.consentList ? "registration.mail.recorded.consentYes" : "registration.mail.recorded.consentNo")
        : change === "lang"
          ? t("registration.mail.recorded.lang", { language: languageName(saved.lang) })
          : t(`registration.mail.recorded.${change}`),
    )
    .map((line) => `- ${line}`)
    .join("\n");
}

export function sourceText(lang: string, source: RecordSource): string {
  return createTranslator(lang)(`registration.mail.recorded.sources.${source}`);
}
