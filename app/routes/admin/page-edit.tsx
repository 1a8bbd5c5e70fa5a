import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { getPage } from "../../../features/events/queries.ts";
import { deleteEventPart, saveEventPart } from "../../../features/events/save-parts.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT } from "../../i18n.ts";
import { guard, services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus, LocalizedField } from "../../ui/form.tsx";
import type { Route } from "./+types/page-edit";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "pages.edit");
  const page = params.pageSlug === "new" ? null : await guard(() => getPage(services(context).db, event.id, params.pageSlug));
  return { event, page };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug);
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ values, intent }) => {
    const ctx = commandContext(context, actor);
    const existing = params.pageSlug === "new" ? null : await getPage(ctx.db, event.id, params.pageSlug);
    if (intent === "delete" && existing) {
      await deleteEventPart(ctx, "page", event, existing.id);
      return redirect(`/admin/e/${event.slug}/pages`);
    }
    const saved = (await saveEventPart(ctx, "page", event, existing?.id ?? null, values)) as { slug: string };
    if (!existing || saved.slug !== existing.slug) return redirect(`/admin/e/${event.slug}/pages/${saved.slug}`);
    return { ok: true, message: t("admin.saved") } satisfies ActionResult;
  });
}

export default function PageEdit() {
  const { event, page } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  return (
    <>
      <title>{page ? t("admin.pages.edit") : t("admin.pages.new")}</title>
      <h1>{page ? t("admin.pages.edit") : t("admin.pages.new")}</h1>
      <FormStatus result={result} />
      <Form method="post" className="stack" key={page?.version ?? "new"}>
        <Csrf />
        {page ? <input type="hidden" name="version" value={page.version} /> : null}
        <Field name="slug" label={t("admin.event.slug")} hint={t("admin.pages.slugHint")} defaultValue={page?.slug} required result={result} />
        <LocalizedField name="title" label={t("admin.pages.title")} languages={event.languages} value={page?.title} result={result} required />
        <LocalizedField name="body" label={t("admin.pages.body")} languages={event.languages} value={page?.body} result={result} multiline rows={12} />
        <p className="hint">{t("admin.pages.markdownHint")}</p>
        <p className="actions">
          <button type="submit" name="intent" value="save">
            {t("admin.save")}
          </button>
          {page ? (
            <button type="submit" name="intent" value="delete" className="danger" formNoValidate>
              {t("admin.delete")}
            </button>
          ) : null}
        </p>
      </Form>
    </>
  );
}
