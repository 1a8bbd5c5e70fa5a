import { createHash } from "node:crypto";
import { and, asc, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { Invalid, TooLarge, UnsupportedMedia } from "../shared/errors.ts";
import { checkFile, type FileKind, fileRules, maxSizeText, safeFilename } from "./kinds.ts";
import { storedFiles } from "./schema.ts";

/** What is known of a stored file without its bytes. */
export type StoredFile = Omit<typeof storedFiles.$inferSelect, "data">;

export interface NewFile {
  eventId: number;
  kind: FileKind;
  /** As the uploader named it; made safe before it is stored. */
  filename: string;
  /** A Blob (an uploaded File) or stream is read only up to the kind's limit, then refused. */
  body: Uint8Array | Blob | ReadableStream<Uint8Array>;
}

/** Which files of an event a delete takes: by id, by kind, or both (ids of those kinds only). */
export interface FileSelection {
  ids?: readonly number[];
  kinds?: readonly FileKind[];
}

/**
 * Where uploaded bytes live. Every method takes the database or the open transaction: a file's row is
 * written and deleted in the same transaction as the record that points at it. The database store keeps
 * the bytes in that row; an S3-compatible store would keep the row without them and the bytes in a bucket
 * (docs/decisions/0012-file-store.md).
 */
export interface FileStore {
  /** Checks the bytes against the kind's rule (kinds.ts) and stores them; `field` names the form field for an empty upload. */
  put(db: DbOrTx, file: NewFile, field?: string): Promise<StoredFile>;
  /** One file of the event, optionally only of the given kinds. */
  head(db: DbOrTx, eventId: number, id: number, kinds?: readonly FileKind[]): Promise<StoredFile | undefined>;
  heads(db: DbOrTx, eventId: number, ids: readonly number[], kinds?: readonly FileKind[]): Promise<StoredFile[]>;
  /** The whole file in memory: for work that needs all of it (reading a spreadsheet, a JSON copy). */
  get(db: DbOrTx, eventId: number, id: number, kinds?: readonly FileKind[]): Promise<{ file: StoredFile; bytes: Uint8Array } | undefined>;
  /** The bytes in chunks, read as the consumer asks for them: a large file never sits whole in memory. */
  stream(db: DbOrTx, file: StoredFile): ReadableStream<Uint8Array>;
  /** Deletes the selected files of the event; returns their ids. An empty selection deletes nothing. */
  delete(db: DbOrTx, eventId: number, which: FileSelection): Promise<number[]>;
}

/** A slice read at a time by `stream`. */
export const streamChunkBytes = 256 * 1024;

const { data: _data, ...headColumns } = getTableColumns(storedFiles);

/** The columns of a file without its bytes, for queries that join files to something else. */
export { headColumns };

/** Reads a body, refusing it as soon as it passes `max` bytes (a stream is cancelled there, not read to its end). */
export async function readCapped(body: NewFile["body"], max: number, kind: FileKind): Promise<Uint8Array> {
  const tooLarge = () => TooLarge("upload.too_large", { max: maxSizeText(kind) });
  if (body instanceof Uint8Array) {
    if (body.length > max) throw tooLarge();
    return body;
  }
  if (body instanceof Blob) {
    if (body.size > max) throw tooLarge();
    return new Uint8Array(await body.arrayBuffer());
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function selection(eventId: number, which: FileSelection): SQL | undefined {
  if (which.ids && which.ids.length === 0) return undefined;
  if (!which.ids && !which.kinds) return undefined;
  return and(
    eq(storedFiles.eventId, eventId),
    which.ids ? inArray(storedFiles.id, [...which.ids]) : undefined,
    which.kinds ? inArray(storedFiles.kind, [...which.kinds]) : undefined,
  );
}

const ofKinds = (kinds?: readonly FileKind[]) => (kinds ? inArray(storedFiles.kind, [...kinds]) : undefined);

/** Files as bytea in the app's database (PGlite or PostgreSQL). */
export const databaseFileStore: FileStore = {
  async put(db, file, field) {
    const rule = fileRules[file.kind];
    const bytes = await readCapped(file.body, rule.maxBytes, file.kind);
    const checked = checkFile(file.kind, bytes);
    if (!checked.ok) {
      if (checked.code === "upload.empty") throw Invalid("validation", { [field ?? file.kind]: "upload.empty" });
      if (checked.code === "upload.too_large") throw TooLarge(checked.code, checked.values);
      throw UnsupportedMedia(checked.code);
    }
    const [stored] = await db
      .insert(storedFiles)
      .values({
        eventId: file.eventId,
        kind: file.kind,
        contentType: checked.contentType,
        size: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        filename: safeFilename(file.filename || file.kind),
        visibility: rule.visibility,
        data: bytes,
      })
      .returning(headColumns);
    return stored;
  },

  async head(db, eventId, id, kinds) {
    const [file] = await db
      .select(headColumns)
      .from(storedFiles)
      .where(and(eq(storedFiles.id, id), eq(storedFiles.eventId, eventId), ofKinds(kinds)));
    return file;
  },

  async heads(db, eventId, ids, kinds) {
    if (!ids.length) return [];
    return db
      .select(headColumns)
      .from(storedFiles)
      .where(and(eq(storedFiles.eventId, eventId), inArray(storedFiles.id, [...ids]), ofKinds(kinds)))
      .orderBy(asc(storedFiles.id));
  },

  async get(db, eventId, id, kinds) {
    const [row] = await db
      .select()
      .from(storedFiles)
      .where(and(eq(storedFiles.id, id), eq(storedFiles.eventId, eventId), ofKinds(kinds)));
    if (!row) return undefined;
    const { data, ...file } = row;
    return { file, bytes: data };
  },

  stream(db, file) {
    let offset = 0;
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (offset >= file.size) return controller.close();
          // SQL counts from 1. Each slice is its own short query, so a slow reader holds no connection.
          const [row] = await db
            .select({ chunk: sql`substring(${storedFiles.data} from ${offset + 1}::int for ${streamChunkBytes}::int)`.mapWith(storedFiles.data) })
            .from(storedFiles)
            .where(and(eq(storedFiles.id, file.id), eq(storedFiles.eventId, file.eventId)));
          // Rows are never updated, only deleted: a file deleted mid-way ends the response with an error, not other bytes.
          if (!row || row.chunk.length === 0) return controller.error(new Error(`stored file ${file.id} went away while being read`));
          offset += row.chunk.length;
          controller.enqueue(row.chunk);
          if (offset >= file.size) controller.close();
        },
      },
      { highWaterMark: 0 },
    );
  },

  async delete(db, eventId, which) {
    const where = selection(eventId, which);
    if (!where) return [];
    return (await db.delete(storedFiles).where(where).returning({ id: storedFiles.id })).map((f) => f.id);
  },
};

/** The store this instance uses. One place to choose another backend. */
export const fileStore: FileStore = databaseFileStore;
