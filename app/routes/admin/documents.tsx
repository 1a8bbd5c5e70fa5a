import { Form, Link, useActionData, useLoaderData } from "react-router";
import { can } from "../../../features/access/policy.ts";
import { createDocument } from "../../../features/negotiation/create-document.ts";
import { listDocuments } from "../../../features/negotiation/queries.ts";
import { text } from "../../../features/shared/localized.ts";
import { createTranslator, languageName } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus, LocalizedField, SelectField } from "../../ui/form.tsx";
import { revisionName } from "../../ui/negotiation.tsx";
import { TableRegion } from "../../ui/table.tsx";
import type { Route } from "./+types/documents";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "negotiation.read");
  const documents = await listDocuments(services(context).db, event, "staff");
  return {
    event,
    may: { draft: can(actor, "negotiation.draft") },
    documents: documents.map(({ document, revisions }) => ({
      id: document.id,
      symbol: document.symbol,
      title: document.title,
      state: document.state,
      latest: revisions.at(-1) ? { number: revisions.at(-1)!.number, state: revisions.at(-1)!.state } : null,
    })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "negotiation.draft");
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ values }) => {
    const paragraphs = String(values.paragraphs ?? "")
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => ({ kind: /^(PP|pp)\s/.test(p) ? "PP" : "OP", text: { [String(values.negotiatingLanguage)]: p.replace(/^(PP|OP|pp|op)\s+/, "") } }));
    await createDocument(commandContext(context, actor), event, { ...values, paragraphs });
    return { ok: true, message: t("negotiation.page.created") } satisfies ActionResult;
  });
}

export default function Documents() {
  const { event, documents, may } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const lang = useUiLang();
  return (
    <>
      <title>{t("negotiation.page.documents")}</title>
      <h1>{t("negotiation.page.documents")}</h1>
      <FormStatus result={result} />
      {documents.length === 0 ? (
        <p>{t("negotiation.page.noDocuments")}</p>
      ) : (
        <TableRegion label={t("negotiation.page.documents")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("negotiation.page.symbol")}</th>
                <th scope="col">{t("negotiation.page.documentTitle")}</th>
                <th scope="col">{t("negotiation.page.latest")}</th>
                <th scope="col">{t("negotiation.page.state")}</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    <Link to={`/admin/e/${event.slug}/documents/${d.id}`}>{d.symbol}</Link>
                  </th>
                  <td>{text(d.title, lang, event.languages)}</td>
                  <td>{d.latest ? `${revisionName(t, d.latest.number)} · ${t(`negotiation.revisionState.${d.latest.state}`)}` : "—"}</td>
                  <td>{t(`negotiation.documentState.${d.state}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {may.draft ? (
        <Form method="post" className="stack">
          <h2>{t("negotiation.page.newDocument")}</h2>
          <Csrf />
          <Field name="symbol" label={t("negotiation.page.symbol")} hint={t("negotiation.errors.symbol_format")} required result={result} />
          <LocalizedField name="title" label={t("negotiation.page.documentTitle")} languages={event.languages} required result={result} />
          <SelectField
            name="negotiatingLanguage"
            label={t("negotiation.page.negotiatingLanguage")}
            options={event.languages.map((l) => ({ value: l, label: languageName(l) }))}
            result={result}
          />
          <Field name="paragraphs" label={t("negotiation.page.paragraphs")} hint={t("negotiation.page.paragraphsHint")} result={result}>
            <textarea id="f-paragraphs" name="paragraphs" rows={8} aria-describedby="f-paragraphs-hint" />
          </Field>
          <p className="actions">
            <button type="submit">{t("negotiation.page.create")}</button>
          </p>
        </Form>
      ) : null}
    </>
  );
}
