import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { can } from "../../../features/access/policy.ts";
import { createLibraryDocument } from "../../../features/documents/create-library-document.ts";
import { accessChoices, listLibrary } from "../../../features/documents/queries.ts";
import { staffReader } from "../../../features/documents/reader.ts";
import { proposedSymbols } from "../../../features/documents/rules.ts";
import { normaliseQuery } from "../../../features/documents/search.ts";
import { setSymbolPrefix } from "../../../features/documents/set-symbol-prefix.ts";
import { entryView } from "../../../features/documents/view.ts";
import { documentSeries } from "../../../features/documents/vocabulary.ts";
import { text } from "../../../features/shared/localized.ts";
import { createTranslator, languageName } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus, SelectField } from "../../ui/form.tsx";
import { LibrarySearch } from "../../ui/library.tsx";
import { AccessFields, MetadataFields } from "../../ui/library-forms.tsx";
import type { Route } from "./+types/library";

// The event's documents library for staff: every document in every state, the search, the symbol prefix,
// and a new document (its symbol typed, or the next of a series).
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "library.read");
  const { db } = services(context);
  const url = new URL(request.url);
  const q = normaliseQuery(url.searchParams.get("q"));
  const [entries, proposals, choices] = await Promise.all([
    listLibrary(db, event, staffReader(actor), { q }),
    proposedSymbols(db, event),
    accessChoices(db, event.id),
  ]);
  return {
    event,
    q,
    entries: entries.map(entryView),
    proposals,
    choices,
    // A "new revision" link from a document's page fills in its symbol.
    symbol: (url.searchParams.get("symbol") ?? "").slice(0, 60),
    may: { edit: can(actor, "library.edit") },
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "library.edit");
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ values, intent }) => {
    const ctx = commandContext(context, actor);
    if (intent === "prefix") {
      const prefix = await setSymbolPrefix(ctx, event, values);
      return { ok: true, message: t("library.staff.prefixSaved", { prefix }) } satisfies ActionResult;
    }
    const document = await createLibraryDocument(ctx, event, values);
    return redirect(`/admin/e/${event.slug}/library/${document.id}?created=1`);
  });
}

export default function Library() {
  const { event, q, entries, proposals, choices, symbol, may } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const lang = useUiLang();
  const base = `/admin/e/${event.slug}/library`;
  const typed = (result && !result.ok ? result.values : undefined) as Record<string, unknown> | undefined;
  const flat = (name: string) =>
    Object.fromEntries(event.languages.map((l) => [`${name}.${l}`, String((typed?.[name] as Record<string, string> | undefined)?.[l] ?? "")]));
  const values = {
    kind: String(typed?.kind ?? ""),
    originalLanguage: String(typed?.originalLanguage ?? ""),
    issuedOn: String(typed?.issuedOn ?? ""),
    access: String(typed?.access ?? "public"),
    categoryIds: ((typed?.categoryIds as string[] | undefined) ?? []).join(","),
    delegationIds: ((typed?.delegationIds as string[] | undefined) ?? []).join(","),
    ...flat("title"),
    ...flat("summary"),
  };
  return (
    <>
      <title>{t("library.staff.title")}</title>
      <h1>{t("library.staff.title")}</h1>
      <p>
        <a href={`/${lang}/e/${event.slug}/documents`}>{t("library.staff.publicPage")}</a>
      </p>
      <FormStatus result={result} />
      <LibrarySearch q={q} action={base} label={t("library.staff.searchLabel")} />
      {q ? <p aria-live="polite">{t("library.results", { count: entries.length, q })}</p> : null}
      {entries.length === 0 ? (
        q ? null : (
          <p>{t("library.staff.none")}</p>
        )
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("library.fields.symbol")}</th>
                <th scope="col">{t("library.fields.title")}</th>
                <th scope="col">{t("library.fields.kind")}</th>
                <th scope="col">{t("library.fields.state")}</th>
                <th scope="col">{t("library.fields.access")}</th>
                <th scope="col">{t("library.files")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    <Link to={`${base}/${d.id}`} className="symbol">
                      {d.symbol}
                    </Link>
                  </th>
                  <td>{text(d.title, lang, event.languages)}</td>
                  <td>{t(`library.kinds.${d.kind}`)}</td>
                  <td>{t(`library.states.${d.state}`)}</td>
                  <td>{t(`library.access.${d.access}`)}</td>
                  <td>{d.files.length ? d.files.map((f) => languageName(f.language)).join(", ") : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {may.edit ? (
        <>
          <Form method="post" className="stack" aria-labelledby="prefix-title">
            <h2 id="prefix-title">{t("library.staff.prefix")}</h2>
            <Csrf />
            <input type="hidden" name="intent" value="prefix" />
            <Field
              name="prefix"
              label={t("library.fields.prefix")}
              hint={t("library.staff.prefixHint")}
              defaultValue={event.documentPrefix ?? ""}
              required
              result={result && !result.ok && typed?.intent === "prefix" ? result : undefined}
            />
            <p className="actions">
              <button type="submit">{t("library.staff.savePrefix")}</button>
            </p>
          </Form>
          <Form method="post" className="stack" aria-labelledby="new-title">
            <h2 id="new-title">{t("library.staff.new")}</h2>
            <Csrf />
            <input type="hidden" name="intent" value="create" />
            {proposals ? null : <p className="alert warning">{t("library.staff.prefixFirst")}</p>}
            <div className="row">
              <Field
                name="symbol"
                label={t("library.fields.symbol")}
                hint={
                  proposals
                    ? t("library.staff.symbolHint", { general: proposals.general, limited: proposals.limited, information: proposals.information })
                    : undefined
                }
                defaultValue={String(typed?.symbol ?? symbol)}
                result={result}
                placeholder={proposals?.general}
              />
              <SelectField
                name="series"
                label={t("library.fields.series")}
                defaultValue={String(typed?.series ?? "general")}
                result={result}
                options={documentSeries.map((s) => ({ value: s, label: t(`library.series.${s}`) }))}
              />
            </div>
            <MetadataFields languages={event.languages} values={values} result={result} />
            <AccessFields languages={event.languages} values={values} choices={choices} result={result} />
            <p className="actions">
              <button type="submit">{t("library.staff.create")}</button>
            </p>
          </Form>
        </>
      ) : null}
    </>
  );
}
