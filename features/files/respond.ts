import type { DbOrTx } from "../../db/index.ts";
import type { FileType } from "./kinds.ts";
import { fileStore, type StoredFile } from "./store.ts";

const extensions: Record<FileType, string> = {
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/webp": ".webp",
  "application/pdf": ".pdf",
  "text/csv": ".csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
  "application/vnd.oasis.opendocument.text": ".odt",
};

/** The name a download gets: the stored one, with the extension of its real type when it lacks one. */
export function downloadName(file: Pick<StoredFile, "filename" | "contentType">): string {
  const extension = extensions[file.contentType];
  const known = extension === ".jpg" ? /\.jpe?g$/i : new RegExp(`\\${extension}$`, "i");
  return known.test(file.filename) ? file.filename : `${file.filename}${extension}`;
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): the quoted name in ASCII for old clients,
 * the UTF-8 one (RFC 5987) for everyone else, so a Cyrillic or Arabic name arrives as it was written.
 */
export function contentDisposition(disposition: "inline" | "attachment", filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** True when the client's copy (If-None-Match) is this file. */
function notModified(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}`;
  });
}

/**
 * The one way a stored file is served: its checked type, length, an ETag from its hash (304 when the
 * client has it), never sniffed, never run as a document (a sandbox without sources), named in both
 * ASCII and UTF-8, kept by caches only when it is public. The bytes are streamed from the store. A route
 * may name the download (`filename`) and say how caches keep it (`cacheControl`: a library document whose
 * access may change is revalidated on every use).
 */
export function fileResponse(
  db: DbOrTx,
  request: Request,
  file: StoredFile,
  options: { disposition: "inline" | "attachment"; cacheControl?: string; filename?: string },
): Response {
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = {
    etag,
    "cache-control": options.cacheControl ?? (file.visibility === "public" ? "public, max-age=3600" : "private, no-store"),
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
  };
  if (notModified(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  headers["content-type"] = file.contentType;
  headers["content-length"] = String(file.size);
  headers["content-disposition"] = contentDisposition(options.disposition, downloadName(options.filename ? { ...file, filename: options.filename } : file));
  const body = request.method === "HEAD" ? null : fileStore.stream(db, file);
  return new Response(body, { status: 200, headers });
}
