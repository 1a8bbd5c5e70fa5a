import { and, eq } from "drizzle-orm";
import { recordAudit } from "../../access/audit.ts";
import { can } from "../../access/policy.ts";
import type { EventRow } from "../../events/queries.ts";
import type { StaffContext } from "../../shared/context.ts";
import { Forbidden, NotFound } from "../../shared/errors.ts";
import { toId } from "../../shared/validate.ts";
import { participants } from "../schema.ts";
import { createSealer } from "./crypto.ts";

export interface RevealedIdData {
  idDocumentType: string | null;
  idDocumentNumber: string | null;
  idDocumentExpiry: string | null;
  birthDate: string | null;
  /** A value was stored but cannot be opened with this instance's key (say, SECRET_KEY was changed). */
  unreadable: boolean;
}

/**
 * Decrypts one person's ID document number and date of birth for a staff member allowed to read personal
 * data. Every view is audited (who, when, whose), in the same transaction as the read.
 */
export async function revealPersonalData(ctx: StaffContext & { secret: string }, event: EventRow, participantId: unknown): Promise<RevealedIdData> {
  if (!can(ctx.actor, "personal_data.read")) throw Forbidden();
  const id = toId(participantId);
  if (!id) throw NotFound();
  const sealer = createSealer(ctx.secret);
  let unreadable = false;
  const open = (sealed: string | null) => {
    if (!sealed) return null;
    try {
      return sealer.open(sealed);
    } catch {
      unreadable = true;
      return null;
    }
  };
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        idDocumentType: participants.idDocumentType,
        idDocumentNumberEnc: participants.idDocumentNumberEnc,
        idDocumentExpiry: participants.idDocumentExpiry,
        birthDateEnc: participants.birthDateEnc,
      })
      .from(participants)
      .where(and(eq(participants.id, id), eq(participants.eventId, event.id)));
    if (!row) throw NotFound();
    const revealed = {
      idDocumentType: row.idDocumentType,
      idDocumentNumber: open(row.idDocumentNumberEnc),
      idDocumentExpiry: row.idDocumentExpiry,
      birthDate: open(row.birthDateEnc),
      unreadable,
    };
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "participant",
      entityId: id,
      action: "view_personal_data",
      after: { fields: ["idDocumentNumber", "birthDate"] },
    });
    return revealed;
  });
}
