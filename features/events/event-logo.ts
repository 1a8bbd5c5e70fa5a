import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import type { FileType } from "../files/kinds.ts";
import { fileStore } from "../files/store.ts";
import { events } from "./schema.ts";

/** The event's logo as bytes and type, for badges and anything else that draws it; null when it has none. */
export async function eventLogo(db: DbOrTx, eventId: number): Promise<{ bytes: Uint8Array; type: FileType; filename: string } | null> {
  const [event] = await db.select({ logoFileId: events.logoFileId }).from(events).where(eq(events.id, eventId));
  if (!event?.logoFileId) return null;
  const found = await fileStore.get(db, eventId, event.logoFileId, ["logo"]);
  if (!found) return null;
  // pg answers with a Buffer, PGlite with a Uint8Array: callers get the latter either way.
  const bytes = new Uint8Array(found.bytes.buffer, found.bytes.byteOffset, found.bytes.byteLength);
  return { bytes, type: found.file.contentType, filename: found.file.filename };
}
