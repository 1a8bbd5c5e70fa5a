import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from "react-router";
import { can } from "../../../features/access/policy.ts";
import { duplicateDetails, findDuplicateGroups, markDistinct } from "../../../features/registration/review/duplicates.ts";
import { mergeParticipants, pairChoice, suggestedKeep } from "../../../features/registration/review/merge-participants.ts";
import { BadRequest } from "../../../features/shared/errors.ts";
import { text } from "../../../features/shared/localized.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { countryName } from "../../ui/country.ts";
import { Csrf, FormStatus } from "../../ui/form.tsx";
import { Stamp } from "../../ui/stamp.tsx";
import type { Route } from "./+types/duplicates";
import type { StaffEventData } from "./event-layout.tsx";

/** The page holds personal data: never kept by a browser or a proxy. */
export const headers = () => ({ "cache-control": "private, no-store" });

/** Groups shown at once (each merge or dismissal brings the next one up), and registrations side by side in each. */
const shownGroups = 50;
const shownMembers = 8;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const { db } = services(context);
  const lang = uiLanguage(request, context);
  const groups = await findDuplicateGroups(db, event.id);
  const shown = groups.slice(0, shownGroups);
  const details = await duplicateDetails(
    db,
    event.id,
    shown.flatMap((g) => g.ids.slice(0, shownMembers)),
  );
  // Country names come from the server's ICU data, so the hydrated page shows the same text.
  const byId = new Map(details.map((d) => [d.id, { ...d, countryName: countryName(d.country, lang) }]));
  return {
    total: groups.length,
    groups: shown
      .map((g) => ({
        reasons: g.reasons,
        weak: g.weak,
        size: g.ids.length,
        members: g.ids.flatMap((id) => byId.get(id) ?? []),
        pairs: g.pairs.flatMap(([a, b]) => {
          const [first, second] = [byId.get(a), byId.get(b)];
          return first && second ? [{ a: first.id, b: second.id, keep: suggestedKeep(first, second) }] : [];
        }),
      }))
      .filter((g) => g.members.length > 1),
    mayReview: can(actor, "registrations.review"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.review");
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ values, intent }) => {
    const ctx = commandContext(context, actor);
    if (intent === "distinct") {
      await markDistinct(ctx, event, { a: values.a, b: values.b });
      return { ok: true, message: t("duplicates.markedDistinct") } satisfies ActionResult;
    }
    if (intent === "merge") {
      const outcome = await mergeParticipants({ ...ctx, secret: services(context).secret }, event, pairChoice(values));
      const warnings = outcome.statusKeptForCapacity ? [t("duplicates.statusKept")] : [];
      return { ok: true, message: t("duplicates.merged", { count: outcome.filled.length }), warnings } satisfies ActionResult;
    }
    throw BadRequest("bad_request");
  });
}

export default function Duplicates() {
  const { total, groups, mayReview } = useLoaderData<typeof loader>();
  const { event } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const lang = useUiLang();
  const fmt = eventFormatter(lang, event.timezone);
  const tr = (key: string, values?: Record<string, string | number>) => t(`duplicates.${key}`, values);
  const queue = `/admin/e/${event.slug}/registrations`;
  type Member = (typeof groups)[number]["members"][number];
  const nameOf = (m: Member) => `${m.givenName} ${m.familyName}`;
  const rows: [string, (m: Member) => React.ReactNode][] = [
    ["name", (m) => <Link to={`${queue}/${m.id}`}>{m.honorific ? `${m.honorific} ${nameOf(m)}` : nameOf(m)}</Link>],
    ["localName", (m) => [m.givenNameLocal, m.familyNameLocal].filter(Boolean).join(" ") || "—"],
    ["email", (m) => m.email],
    ["organisation", (m) => [m.position, m.organisation].filter(Boolean).join(", ") || "—"],
    ["country", (m) => (m.country ? `${m.countryName} (${m.country})` : "—")],
    [
      "category",
      (m) => (
        <>
          <span className="category-letter" style={{ background: m.categoryColour }} aria-hidden="true">
            {m.categoryLetter}
          </span>{" "}
          {text(m.categoryName, lang, event.languages)}
        </>
      ),
    ],
    ["delegation", (m) => (m.delegationName ? text(m.delegationName, lang, event.languages) : "—")],
    ["status", (m) => <span className={`status-${m.status}`}>{t(`registration.statuses.${m.status}`)}</span>],
    ["registered", (m) => <Stamp at={m.createdAt}>{fmt.dateTime(new Date(m.createdAt))}</Stamp>],
    ["birthDate", (m) => t(m.hasBirthDate ? "registration.admin.yes" : "registration.admin.no")],
  ];

  return (
    <>
      <title>{tr("title", { count: total })}</title>
      <h1>{tr("title", { count: total })}</h1>
      <p className="muted">{tr("intro")}</p>
      <FormStatus result={result} />
      {total === 0 ? <p>{tr("none")}</p> : null}
      {total > groups.length ? <p>{tr("shownFirst", { shown: groups.length, count: total })}</p> : null}
      {total > 0 && !mayReview ? <p>{t("admin.readOnly")}</p> : null}
      {groups.map((g) => {
        const id = `group-${g.members.map((m) => m.id).join("-")}`;
        const byId = new Map(g.members.map((m) => [m.id, m]));
        return (
          <section key={id} aria-labelledby={id}>
            <h2 id={id}>
              {nameOf(g.members[0])} <span className="tag">{tr("group", { count: g.size })}</span>
            </h2>
            <p className={g.weak ? "alert warning" : undefined}>{g.reasons.map((r) => tr(`reasons.${r}`)).join(" · ")}</p>
            <table>
              {/* Each column is one registration: a screen reader names it with every cell. */}
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{tr("fieldColumn")}</span>
                  </th>
                  {g.members.map((m) => (
                    <th scope="col" key={m.id}>
                      {tr("registrationColumn", { name: nameOf(m), id: String(m.id) })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map(([field, cell]) => (
                  <tr key={field}>
                    <th scope="row">{tr(`fields.${field}`)}</th>
                    {g.members.map((m) => (
                      <td key={m.id}>{cell(m)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            {mayReview
              ? g.pairs.map((pair) => {
                  const [a, b] = [byId.get(pair.a)!, byId.get(pair.b)!];
                  return (
                    <Form method="post" className="stack" key={`${a.id}:${a.version}-${b.id}:${b.version}`}>
                      <Csrf />
                      <input type="hidden" name="a" value={a.id} />
                      <input type="hidden" name="b" value={b.id} />
                      <input type="hidden" name={`version.${a.id}`} value={a.version} />
                      <input type="hidden" name={`version.${b.id}`} value={b.version} />
                      <fieldset>
                        <legend>{tr("pair", { first: `${nameOf(a)} (${a.email})`, second: `${nameOf(b)} (${b.email})` })}</legend>
                        {[a, b].map((m) => (
                          <label key={m.id} style={{ display: "block" }}>
                            <input type="radio" name="keep" value={m.id} defaultChecked={m.id === pair.keep} />{" "}
                            {tr("keep", { name: nameOf(m), email: m.email })}
                          </label>
                        ))}
                      </fieldset>
                      <p>
                        <button type="submit" name="intent" value="merge">
                          {tr("merge")}
                        </button>{" "}
                        <button type="submit" name="intent" value="distinct" className="secondary">
                          {tr("distinct")}
                        </button>
                      </p>
                    </Form>
                  );
                })
              : null}
          </section>
        );
      })}
    </>
  );
}
