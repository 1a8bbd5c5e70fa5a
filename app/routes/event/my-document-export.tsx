import { getEventBySlug } from "../../../features/events/queries.ts";
import { contentDisposition } from "../../../features/files/respond.ts";
import { loadDocument } from "../../../features/negotiation/documents.ts";
import { exportRevision, isExportFormat } from "../../../features/negotiation/exports/export-revision.ts";
import { delegateSeat } from "../../../features/negotiation/proponent.ts";
import { Forbidden, isAppError, NotFound } from "../../../features/shared/errors.ts";
import { toId } from "../../../features/shared/validate.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { pageLanguage, requestState, services } from "../../server-helpers.ts";
import type { Route } from "./+types/my-document-export";

// A revision's file for a delegate, through their personal link (a browser's download cannot send the
// `Plenary-Link` header the API takes): …/my/{token}/documents/{id}/revisions/{n}/export.pdf?lang=ru&compare=1.
// The same export as the API's, with a delegate's rights: issued revisions only.
export async function loader({ params, request, context }: Route.LoaderArgs) {
  const headers = { "cache-control": "private, no-store", "x-robots-tag": "noindex", "x-content-type-options": "nosniff" };
  try {
    const format = /^export\.([a-z]+)$/.exec(params.file)?.[1];
    if (!isExportFormat(format)) throw NotFound();
    const { db, config } = services(context);
    const event = await getEventBySlug(db, params.slug);
    const seat = await delegateSeat(db, event, params.token, requestState(context).client, new Date());
    if (seat.standing === "none") throw Forbidden("negotiation.not_a_delegate");
    const documentId = toId(params.documentId);
    if (documentId === null) throw NotFound("negotiation.document_not_found");
    const document = await loadDocument(db, event.id, documentId);
    const number = /^\d{1,5}$/.test(params.number) ? Number(params.number) : -1;
    const query = new URL(request.url).searchParams;
    const compare = query.get("compare");
    const file = await exportRevision(
      db,
      event,
      document,
      number,
      "delegate",
      { format, lang: query.get("lang"), compare: compare === null ? null : /^\d{1,5}$/.test(compare) ? Number(compare) : -1 },
      config.PUBLIC_URL,
    );
    return new Response(file.body as Uint8Array<ArrayBuffer>, {
      headers: { ...headers, "content-type": file.contentType, "content-disposition": contentDisposition("attachment", file.filename) },
    });
  } catch (error) {
    // A download link answers in words, in the page's language: there is no page around it to show an error in.
    if (!isAppError(error)) throw error;
    const message = createTranslator(await pageLanguage(context, params))(`error.${error.code}`, error.values);
    return new Response(message, { status: error.status, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
  }
}
