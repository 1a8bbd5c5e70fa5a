import { Form, Link, useActionData, useLoaderData } from "react-router";
import { can } from "../../../features/access/policy.ts";
import {
  builtinTemplate,
  customLanguages,
  isMailTemplateKind,
  listMailTemplates,
  placeholdersFor,
  templateLanguages,
} from "../../../features/registration/mailing/mail-templates.ts";
import {
  type MailPreview,
  previewMail,
  previewTypedTemplate,
  resetMailTemplate,
  saveMailTemplate,
} from "../../../features/registration/mailing/save-mail-template.ts";
import { mailTemplateKinds } from "../../../features/registration/vocabulary.ts";
import { BadRequest } from "../../../features/shared/errors.ts";
import type { Localized } from "../../../features/shared/localized.ts";
import { createTranslator, htmlLang, languageName } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, FormStatus, LocalizedField } from "../../ui/form.tsx";
import { TableRegion } from "../../ui/table.tsx";
import type { Route } from "./+types/mail-templates";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const { db, config } = services(context);
  const asked = new URL(request.url).searchParams.get("kind");
  if (asked !== null && !isMailTemplateKind(asked)) throw new Response(null, { status: 404 });
  const templates = await listMailTemplates(db, event.id);
  const languages = templateLanguages(event);
  const kinds = mailTemplateKinds.map((kind) => {
    const row = templates.find((t) => t.kind === kind);
    return { kind, languages: row ? customLanguages(row, languages) : [] };
  });
  let selected = null;
  if (asked !== null) {
    const row = templates.find((t) => t.kind === asked) ?? null;
    const builtin = languages.map((lang) => ({ lang, ...builtinTemplate(asked, lang) }));
    selected = {
      kind: asked,
      version: row?.version ?? 0,
      subject: row?.subject ?? {},
      body: row?.body ?? {},
      placeholders: placeholdersFor(asked),
      builtinSubject: Object.fromEntries(builtin.map((b) => [b.lang, b.subject])),
      builtinBody: Object.fromEntries(builtin.map((b) => [b.lang, b.body])),
      preview: previewMail(config.PUBLIC_URL, event, asked, row),
    };
  }
  return { kinds, languages, selected, mayManage: can(actor, "registrations.manage") };
}

type TemplateActionResult = ActionResult & { preview?: MailPreview[]; typed?: Record<string, unknown> };

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.manage");
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ values, intent }) => {
    const ctx = commandContext(context, actor);
    if (intent === "preview") {
      const result: TemplateActionResult = {
        ok: true,
        preview: previewTypedTemplate(ctx, event, values),
        typed: { subject: values.subject, body: values.body },
      };
      return result;
    }
    if (intent === "reset") {
      const reset = await resetMailTemplate(ctx, event, values);
      return { ok: true, message: t(reset ? "mailing.templates.resetDone" : "mailing.templates.alreadyBuiltin") } satisfies ActionResult;
    }
    if (intent === "save") {
      await saveMailTemplate(ctx, event, values);
      return { ok: true, message: t("mailing.templates.saved") } satisfies ActionResult;
    }
    throw BadRequest("bad_request");
  });
}

export default function MailTemplates() {
  const { kinds, languages, selected, mayManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as TemplateActionResult | undefined;
  const t = useT();
  const tr = (key: string, values?: Record<string, string | number>) => t(`mailing.templates.${key}`, values);
  const names = (langs: readonly string[]) => langs.map((l) => languageName(l)).join(", ");
  // What was typed comes back with a refusal or a preview, so nothing needs typing twice (also without JavaScript).
  const typed = result?.ok === false ? result.values : result?.typed;
  const typedLocalized = (name: "subject" | "body") => (typed && typeof typed[name] === "object" ? (typed[name] as Localized) : undefined);

  return (
    <>
      <title>{tr("title")}</title>
      <h1>{tr("title")}</h1>
      <p className="muted">{tr("intro")}</p>
      <FormStatus result={result} />
      <TableRegion label={tr("title")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{tr("kind")}</th>
              <th scope="col">{tr("when")}</th>
              <th scope="col">{tr("wording")}</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map(({ kind, languages }) => (
              <tr key={kind} aria-current={selected?.kind === kind ? "true" : undefined}>
                <td>
                  <Link to={`?kind=${kind}`}>{t(`mailing.kinds.${kind}`)}</Link>
                </td>
                <td>{t(`mailing.kindHints.${kind}`)}</td>
                <td>{languages.length ? tr("customIn", { languages: names(languages) }) : tr("builtinOnly")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>

      {selected ? (
        <section aria-labelledby="template-kind">
          <h2 id="template-kind">{t(`mailing.kinds.${selected.kind}`)}</h2>
          <p>
            <Link to=".">← {tr("back")}</Link>
          </p>
          <h3>{tr("placeholders")}</h3>
          <p className="hint">{tr("placeholdersHint")}</p>
          <dl className="facts">
            {selected.placeholders.map((p) => (
              <div key={p}>
                <dt>
                  <code>{`{${p}}`}</code>
                </dt>
                <dd>{tr(`placeholder.${p}`)}</dd>
              </div>
            ))}
          </dl>

          {mayManage ? (
            <>
              <Form method="post" className="stack" key={`${selected.kind}:${selected.version}`}>
                <Csrf />
                <input type="hidden" name="kind" value={selected.kind} />
                <input type="hidden" name="version" value={selected.version} />
                <LocalizedField
                  name="subject"
                  label={tr("subject")}
                  hint={tr("subjectHint")}
                  languages={languages}
                  result={result}
                  value={typedLocalized("subject") ?? selected.subject}
                  placeholders={selected.builtinSubject}
                />
                <LocalizedField
                  name="body"
                  label={tr("body")}
                  hint={tr("bodyHint")}
                  languages={languages}
                  result={result}
                  multiline
                  rows={12}
                  value={typedLocalized("body") ?? selected.body}
                  placeholders={selected.builtinBody}
                />
                <p className="actions">
                  <button type="submit" name="intent" value="save">
                    {tr("save")}
                  </button>
                  <button type="submit" name="intent" value="preview" className="secondary">
                    {tr("previewTyped")}
                  </button>
                </p>
              </Form>
              {selected.version > 0 ? (
                <Form method="post" className="stack">
                  <Csrf />
                  <input type="hidden" name="kind" value={selected.kind} />
                  <input type="hidden" name="version" value={selected.version} />
                  <p className="hint">{tr("resetHint")}</p>
                  <p>
                    <button type="submit" name="intent" value="reset" className="danger">
                      {tr("reset")}
                    </button>
                  </p>
                </Form>
              ) : null}
            </>
          ) : (
            <p>{t("admin.readOnly")}</p>
          )}

          <h3>{result?.ok && result.preview ? tr("previewTypedTitle") : tr("preview")}</h3>
          <p className="hint">{tr("previewIntro")}</p>
          {(result?.ok && result.preview ? result.preview : selected.preview).map((mail) => (
            <article key={mail.lang} className="session">
              <h4>
                {languageName(mail.lang)} <span className="tag">{tr(mail.custom ? "usesCustom" : "usesBuiltin")}</span>
              </h4>
              <p>
                <strong>{tr("subject")}:</strong> <span lang={htmlLang(mail.lang)}>{mail.subject}</span>
              </p>
              <pre className="mail" lang={htmlLang(mail.lang)}>
                {mail.text}
              </pre>
            </article>
          ))}
        </section>
      ) : null}
    </>
  );
}
