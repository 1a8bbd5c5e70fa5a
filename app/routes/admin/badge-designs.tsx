import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { designOfRow, designResolver, listBadgeDesigns } from "../../../features/badges/design-queries.ts";
import { createBadgeDesign } from "../../../features/badges/save-badge-design.ts";
import { listCategories } from "../../../features/registration/review/queries.ts";
import { text } from "../../../features/shared/localized.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services } from "../../server-helpers.ts";
import { Csrf, FormStatus, SelectField } from "../../ui/form.tsx";
import type { Route } from "./+types/badge-designs";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "badges.manage");
  const { db } = services(context);
  const [designs, categories] = await Promise.all([listBadgeDesigns(db, event.id), listCategories(db, event.id)]);
  const designOf = designResolver(designs);
  const inPerson = categories.filter((c) => c.attendance === "in_person");
  return {
    event,
    designs: designs.map((d) => ({ id: d.id, categoryId: d.categoryId, ...designOfRow(d) })),
    // Which design each category prints with now: its own, the event's default, or the built-in one.
    categories: inPerson.map((c) => ({ id: c.id, name: c.name, letter: c.letter, colour: c.colour, designId: designOf(c.id).id })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "badges.manage");
  return staffAction(request, context, async ({ values }) => {
    const row = await createBadgeDesign(commandContext(context, actor), event, { categoryId: values.categoryId ?? "" });
    return redirect(`/admin/e/${event.slug}/badges/designs/${row.id}?created=1`);
  });
}

export default function BadgeDesigns() {
  const { event, designs, categories } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const lang = useUiLang();
  const base = `/admin/e/${event.slug}/badges/designs`;
  const name = (id: number | null) => {
    const c = categories.find((x) => x.id === id);
    return c ? text(c.name, lang, event.languages) : t("badges.design.eventDefault");
  };
  const hasDefault = designs.some((d) => d.categoryId === null);
  const free = categories.filter((c) => !designs.some((d) => d.categoryId === c.id));
  const choices = [...(hasDefault ? [] : [{ value: "", label: t("badges.design.eventDefault") }]), ...free.map((c) => ({ value: c.id, label: name(c.id) }))];
  return (
    <>
      <title>{t("badges.design.listTitle")}</title>
      <p className="breadcrumb-local">
        <Link to={`/admin/e/${event.slug}/badges`}>{t("badges.title")}</Link>
      </p>
      <h1>{t("badges.design.listTitle")}</h1>
      <p>{t("badges.design.intro")}</p>
      <FormStatus result={result} />
      {designs.length === 0 ? (
        <p>{t("badges.design.none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("badges.design.for")}</th>
              <th scope="col">{t("badges.print.size")}</th>
              <th scope="col">{t("badges.print.sides")}</th>
            </tr>
          </thead>
          <tbody>
            {designs.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`${base}/${d.id}`}>{name(d.categoryId)}</Link>
                </td>
                <td>
                  {t(`badges.sizes.${d.size}`)} · {t(`badges.layouts.${d.layout}`)}
                </td>
                <td>{t("badges.print.sidesCount", { count: d.sides })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t("badges.design.byCategory")}</h2>
      <ul>
        {categories.map((c) => (
          <li key={c.id}>
            <span className="category-letter" style={{ background: c.colour }} aria-hidden="true">
              {c.letter}
            </span>{" "}
            {name(c.id)}:{" "}
            {c.designId === null ? (
              t("badges.design.builtIn")
            ) : (
              <Link to={`${base}/${c.designId}`}>
                {designs.find((d) => d.id === c.designId)?.categoryId === c.id ? t("badges.design.own") : t("badges.design.eventDefault")}
              </Link>
            )}
          </li>
        ))}
      </ul>

      {choices.length > 0 ? (
        <>
          <h2>{t("badges.design.add")}</h2>
          <Form method="post" className="stack">
            <Csrf />
            <SelectField name="categoryId" label={t("badges.design.for")} options={choices} result={result} />
            <p className="actions">
              <button type="submit" name="intent" value="create">
                {t("badges.design.create")}
              </button>
            </p>
          </Form>
        </>
      ) : null}
    </>
  );
}
