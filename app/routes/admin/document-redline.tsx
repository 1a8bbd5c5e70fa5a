import { Form, Link, useLoaderData } from "react-router";
import { documentForReader, redlineForReader } from "../../../features/negotiation/queries.ts";
import { NotFound } from "../../../features/shared/errors.ts";
import { text } from "../../../features/shared/localized.ts";
import { toId } from "../../../features/shared/validate.ts";
import { languageName } from "../../../i18n/index.ts";
import { loadStaffEvent } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { guard, services } from "../../server-helpers.ts";
import { apiExportHref, ConcordanceTable, Downloads, RedlineText, revisionName } from "../../ui/negotiation.tsx";
import type { Route } from "./+types/document-redline";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "negotiation.read");
  const { db } = services(context);
  return guard(async () => {
    const id = toId(params.documentId);
    if (id === null) throw NotFound("negotiation.document_not_found");
    const { document, revisions } = await documentForReader(db, event, id, "staff");
    const url = new URL(request.url);
    const pick = (name: string, fallback: number) => {
      const value = url.searchParams.get(name);
      return value && /^\d{1,5}$/.test(value) ? Number(value) : fallback;
    };
    const to = pick("to", revisions.at(-1)?.number ?? 0);
    const from = pick("from", Math.max(0, to - 1));
    const redline = await redlineForReader(db, document, from, to, "staff");
    return { event, document, revisions: revisions.map((r) => r.number), from, to, redline };
  });
}

export default function DocumentRedline() {
  const { event, document, revisions, from, to, redline } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useUiLang();
  const numberOf = (id: number) => {
    const row = redline.concordance.find((r) => r.paragraphId === id);
    return row?.newNumber ?? row?.oldNumber ?? "—";
  };
  const title = t("negotiation.page.redlineOf", { from: revisionName(t, from), to: revisionName(t, to) });
  return (
    <>
      <title>{`${document.symbol} · ${title}`}</title>
      <p className="breadcrumb">
        <Link to={`/admin/e/${event.slug}/documents/${document.id}`}>
          {document.symbol} — {text(document.title, lang, event.languages)}
        </Link>
      </p>
      <h1>{title}</h1>
      <Form method="get" className="inline">
        {(["from", "to"] as const).map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`redline-${name}`}>{t(`negotiation.page.${name}`)}</label>
            <select id={`redline-${name}`} name={name} defaultValue={name === "from" ? from : to}>
              {revisions.map((n) => (
                <option key={n} value={n}>
                  {revisionName(t, n)}
                </option>
              ))}
            </select>
          </div>
        ))}
        <button type="submit">{t("negotiation.page.compare")}</button>
      </Form>
      <Downloads href={apiExportHref(event.slug, document.id, to)} languages={event.languages} redline={{ from, to }} />
      <ConcordanceTable rows={redline.concordance} caption={t("negotiation.page.concordance")} />
      <h2>{t("negotiation.page.changes")}</h2>
      {redline.paragraphs
        .filter((p) => Object.values(p.languages).some((changes) => changes.some((c) => c.kind !== "same")))
        .map((p) => (
          <section key={p.paragraphId} aria-labelledby={`rl-${p.paragraphId}`}>
            <h3 id={`rl-${p.paragraphId}`}>{numberOf(p.paragraphId)}</h3>
            {Object.entries(p.languages).map(([l, changes]) => (
              <p key={l} lang={l} dir="auto">
                <span className="tag">{languageName(l)}</span> <RedlineText changes={changes} />
              </p>
            ))}
          </section>
        ))}
    </>
  );
}
