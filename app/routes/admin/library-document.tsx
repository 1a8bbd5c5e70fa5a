import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { can } from "../../../features/access/policy.ts";
import { deleteLibraryDocument } from "../../../features/documents/delete-library-document.ts";
import { type DocumentForm, documentConflict, documentFields, keepSaved } from "../../../features/documents/document-conflict.ts";
import { issueLibraryDocument, setLibraryAccess, updateLibraryDocument, withdrawLibraryDocument } from "../../../features/documents/edit-library-document.ts";
import { accessChoices, fileVersions, loadLibraryDocument } from "../../../features/documents/queries.ts";
import { proposedChildSymbols } from "../../../features/documents/rules.ts";
import { uploadLibraryFile } from "../../../features/documents/upload-library-file.ts";
import { fileRules, formatBytes, maxSizeText } from "../../../features/files/kinds.ts";
import { Invalid } from "../../../features/shared/errors.ts";
import { text } from "../../../features/shared/localized.ts";
import { chosenTheirs, conflictOf, explainStale, type FieldValues, readBase } from "../../../features/shared/merge.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { createTranslator, htmlLang, languageName } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { guard, services, uiLanguage } from "../../server-helpers.ts";
import { ConflictReview } from "../../ui/conflict.tsx";
import { Csrf, FormStatus, fileLimit, SelectField } from "../../ui/form.tsx";
import { fileTypeLabel } from "../../ui/library.tsx";
import { AccessFields, MetadataFields } from "../../ui/library-forms.tsx";
import { symbolPath } from "../../ui/negotiation.tsx";
import { Stamp } from "../../ui/stamp.tsx";
import type { Route } from "./+types/library-document";

// One document of the library for staff: its texts and access (each form saved against the version it
// started from; a lost race shows what changed, merged), its files per language with every version,
// issue, withdraw, delete a draft.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "library.read");
  const { db } = services(context);
  const document = await guard(() => loadLibraryDocument(db, event.id, params.documentId));
  const [versions, choices, children] = await Promise.all([fileVersions(db, event, document), accessChoices(db, event.id), proposedChildSymbols(db, document)]);
  return {
    event,
    document,
    versions: versions.map((v) => ({ ...v, uploadedAt: v.uploadedAt.toISOString() })),
    choices,
    children,
    fields: { metadata: documentFields(event, "metadata", document), access: documentFields(event, "access", document) },
    may: { edit: can(actor, "library.edit") },
    maxSize: maxSizeText("document"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "library.edit");
  const { db } = services(context);
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ form, values, intent }) => {
    const ctx = commandContext(context, actor);
    const document = await loadLibraryDocument(db, event.id, params.documentId);
    switch (intent) {
      case "upload": {
        const file = form.get("file");
        if (!(file instanceof File) || file.size === 0) throw Invalid("validation", { file: "upload.empty" });
        const saved = await uploadLibraryFile(ctx, event, document, { language: String(values.language ?? ""), filename: file.name, body: file });
        return {
          ok: true,
          message: t(saved.textFound ? "library.staff.uploaded" : "library.staff.uploadedNoText", {
            language: languageName(saved.language),
            version: saved.version,
          }),
        } satisfies ActionResult;
      }
      case "issue":
        await issueLibraryDocument(ctx, event, document, values);
        return { ok: true, message: t("library.staff.issued") } satisfies ActionResult;
      case "withdraw":
        await withdrawLibraryDocument(ctx, event, document, values);
        return { ok: true, message: t("library.staff.withdrawn") } satisfies ActionResult;
      case "delete":
        await deleteLibraryDocument(ctx, document, values);
        return redirect(`/admin/e/${event.slug}/library`);
      case "access":
      case "save": {
        const which: DocumentForm = intent === "access" ? "access" : "metadata";
        // After a lost race, fields changed on both sides that the person chose to leave as saved.
        const input = keepSaved(event, which, document, values, chosenTheirs(form));
        const save = which === "access" ? () => setLibraryAccess(ctx, event, document, input) : () => updateLibraryDocument(ctx, event, document, input);
        await explainStale(save, async () =>
          documentConflict(event, which, await loadLibraryDocument(db, event.id, document.id), input, readBase(form.get("_base"))),
        );
        return { ok: true, message: t("admin.saved") } satisfies ActionResult;
      }
      default:
        throw Invalid("validation", { intent: "invalid" });
    }
  });
}

export default function LibraryDocumentPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as (ActionResult & { values?: Record<string, unknown> }) | undefined;
  const [search] = useSearchParams();
  const t = useT();
  const lang = useUiLang();
  const { event, document, versions, children, may } = data;
  const fmt = eventFormatter(lang, event.timezone);
  const failedIntent = result && !result.ok ? String(result.values?.intent ?? "save") : null;
  const conflict = result && !result.ok ? conflictOf(result.error.details) : undefined;
  const conflictOn = (form: DocumentForm) => (conflict && failedIntent === (form === "access" ? "access" : "save") ? conflict : undefined);
  const resultOf = (intent: string) => (failedIntent === intent ? result : undefined);
  const labelOf = (field: string) => {
    const [name, fieldLang] = field.split(".");
    const label = t(`library.fields.${name}`);
    return fieldLang ? `${label} (${languageName(fieldLang)})` : label;
  };
  const show = (field: string, value: string) => {
    if (field === "kind") return t(`library.kinds.${value}`);
    if (field === "access") return t(`library.access.${value}`);
    if (field === "originalLanguage") return languageName(value);
    if (field === "categoryIds" || field === "delegationIds") {
      const list = field === "categoryIds" ? data.choices.categories : data.choices.delegations;
      return value
        .split(",")
        .map((id) => text(list.find((o) => String(o.id) === id)?.name, lang, event.languages) || id)
        .join(", ");
    }
    return value;
  };
  const publicUrl = `/${lang}/e/${event.slug}/documents/${symbolPath(document.symbol)}`;
  const form = (which: DocumentForm, intent: string, body: (values: FieldValues) => React.ReactNode) => {
    const c = conflictOn(which);
    const values = c?.merged ?? data.fields[which];
    return (
      <Form method="post" className="stack" key={c ? `merge-${which}-${c.version}` : `${which}-${document.version}`}>
        <Csrf />
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="version" value={c?.version ?? document.version} />
        <input type="hidden" name="_base" value={JSON.stringify(c?.theirs ?? data.fields[which])} />
        {c ? <ConflictReview conflict={c} label={labelOf} show={show} /> : null}
        <fieldset disabled={!may.edit}>{body(values)}</fieldset>
        {may.edit ? (
          <p className="actions">
            <button type="submit">{t("admin.save")}</button>
          </p>
        ) : null}
      </Form>
    );
  };
  return (
    <>
      <title>{document.symbol}</title>
      <p>
        <Link to={`/admin/e/${event.slug}/library`}>{t("library.staff.title")}</Link>
      </p>
      <h1>
        <span className="symbol">{document.symbol}</span> — {text(document.title, lang, event.languages)}
      </h1>
      <p>
        <strong>{t(`library.states.${document.state}`)}</strong> · {t(`library.access.${document.access}`)}
        {document.state === "issued" ? (
          <>
            {" "}
            · <a href={publicUrl}>{t("library.staff.publicAddress")}</a>
          </>
        ) : null}
      </p>
      {search.get("created") && !result ? (
        <div className="alert ok" role="status">
          {t("library.staff.created", { symbol: document.symbol })}
        </div>
      ) : null}
      <FormStatus result={result} />

      {may.edit ? (
        <div className="actions">
          {document.state !== "issued" ? (
            <Form method="post">
              <Csrf />
              <input type="hidden" name="intent" value="issue" />
              <input type="hidden" name="version" value={document.version} />
              <button type="submit">{t("library.staff.issue")}</button>
            </Form>
          ) : (
            <Form method="post">
              <Csrf />
              <input type="hidden" name="intent" value="withdraw" />
              <input type="hidden" name="version" value={document.version} />
              <button type="submit">{t("library.staff.withdraw")}</button>
            </Form>
          )}
          {document.state === "draft" ? (
            <Form method="post">
              <Csrf />
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="version" value={document.version} />
              <button type="submit" className="danger">
                {t("library.staff.delete")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}

      <h2>{t("library.staff.texts")}</h2>
      {form("metadata", "save", (values) => (
        <MetadataFields languages={event.languages} values={values} result={resultOf("save")} />
      ))}

      <h2>{t("library.staff.whoReads")}</h2>
      {form("access", "access", (values) => (
        <AccessFields languages={event.languages} values={values} choices={data.choices} result={resultOf("access")} />
      ))}

      <h2>{t("library.files")}</h2>
      {versions.length === 0 ? (
        <p>{t("library.noFiles")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("library.fields.language")}</th>
                <th scope="col">{t("library.fields.version")}</th>
                <th scope="col">{t("library.fields.file")}</th>
                <th scope="col">{t("library.fields.uploadedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v, i) => (
                <tr key={v.id}>
                  <th scope="row" lang={htmlLang(v.language)}>
                    {languageName(v.language)}
                  </th>
                  <td>
                    {v.version}
                    {i === 0 || versions[i - 1].language !== v.language ? <> ({t("library.staff.current")})</> : null}
                  </td>
                  <td>
                    <a href={`/admin/e/${event.slug}/library/${document.id}/files/${v.id}`}>{v.filename}</a> ({fileTypeLabel(v.contentType)},{" "}
                    {formatBytes(v.size)})
                  </td>
                  <td>
                    <Stamp at={v.uploadedAt}>{fmt.dateTime(new Date(v.uploadedAt))}</Stamp>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {may.edit ? (
        <Form method="post" encType="multipart/form-data" className="stack" aria-labelledby="upload-title">
          <h3 id="upload-title">{t("library.staff.upload")}</h3>
          <p className="hint">{t("library.staff.uploadHint", { max: data.maxSize })}</p>
          <Csrf />
          <input type="hidden" name="intent" value="upload" />
          <div className="row">
            <SelectField
              name="language"
              label={t("library.fields.language")}
              result={resultOf("upload")}
              options={event.languages.map((l) => ({ value: l, label: languageName(l) }))}
            />
            <div className="field">
              <label htmlFor="f-file">{t("library.fields.file")}</label>
              <input id="f-file" name="file" type="file" required accept={fileRules.document.types.join(",")} {...fileLimit(t, "document")} />
            </div>
          </div>
          <p className="actions">
            <button type="submit">{t("library.staff.uploadButton")}</button>
          </p>
        </Form>
      ) : null}

      {may.edit ? (
        <>
          <h2>{t("library.staff.follows")}</h2>
          <ul>
            {(["Rev", "Corr", "Add"] as const).map((suffix) => (
              <li key={suffix}>
                <Link to={`/admin/e/${event.slug}/library?symbol=${encodeURIComponent(children[suffix])}#new-title`}>
                  {t(`library.staff.new${suffix}`, { symbol: children[suffix] })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
