import { useState } from "react";
import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { can } from "../../../features/access/policy.ts";
import { doorCounts, duplicateEntries } from "../../../features/checkin/counts.ts";
import { registerKiosk, revokeKiosk } from "../../../features/checkin/kiosks.ts";
import { listCheckinLists, listKiosks, overrides } from "../../../features/checkin/queries.ts";
import { getCheckinList, saveCheckinList } from "../../../features/checkin/save-checkin-list.ts";
import { directions } from "../../../features/checkin/vocabulary.ts";
import { loadEventParts } from "../../../features/events/queries.ts";
import { currentSeq } from "../../../features/live/publish.ts";
import type { LiveTopicData } from "../../../features/live/topics.ts";
import { listCategories } from "../../../features/registration/review/queries.ts";
import { text } from "../../../features/shared/localized.ts";
import { toId } from "../../../features/shared/validate.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { useLive } from "../../live.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus, LocalizedField, resultFor, SelectField } from "../../ui/form.tsx";
import { Stamp } from "../../ui/stamp.tsx";
import { TableRegion } from "../../ui/table.tsx";
import type { Route } from "./+types/doors";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "doors.read");
  const { db } = services(context);
  const liveSeq = await currentSeq(db, event.id);
  const [counts, lists, kiosks, parts, categories, duplicates, overridden] = await Promise.all([
    doorCounts(db, event, new Date()),
    listCheckinLists(db, event.id),
    listKiosks(db, event.id),
    loadEventParts(db, event.id),
    listCategories(db, event.id),
    duplicateEntries(db, event.id, 50),
    overrides(db, event.id, 50),
  ]);
  return {
    event,
    liveSeq,
    counts,
    lists,
    kiosks: kiosks.map((k) => ({
      ...k,
      createdAt: k.createdAt.toISOString(),
      lastSeenAt: k.lastSeenAt?.toISOString() ?? null,
      revokedAt: k.revokedAt?.toISOString() ?? null,
    })),
    rooms: parts.rooms.map((r) => ({ id: r.id, name: r.name })),
    categories: categories.map((c) => ({ id: c.id, name: c.name })),
    duplicates: duplicates.map((d) => ({ ...d, at: d.at.toISOString() })),
    overridden: overridden.map((o) => ({ ...o, at: o.at.toISOString() })),
    may: { manage: can(actor, "doors.manage"), operate: can(actor, "doors.operate") },
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "doors.read");
  const t = createTranslator(uiLanguage(request, context));
  const { db, config } = services(context);
  return staffAction(request, context, async ({ values, form, intent }) => {
    const ctx = commandContext(context, actor);
    if (intent === "kiosk") {
      const { token } = await registerKiosk(ctx, event, values);
      return { ok: true, message: t("doors.kiosks.registered"), link: `${config.PUBLIC_URL}/kiosk#${token}` } as ActionResult & { link: string };
    }
    if (intent === "revoke") {
      await revokeKiosk(ctx, event, values.kiosk);
      return { ok: true, message: t("doors.kiosks.revoked") } satisfies ActionResult;
    }
    const id = toId(values.id);
    const existing = id ? await getCheckinList(db, event.id, id) : null;
    const windows = String(values.windowFrom ?? "").trim() ? [{ from: String(values.windowFrom), to: String(values.windowTo ?? "") }] : [];
    await saveCheckinList(ctx, event, existing, { ...values, windows, categoryIds: form.getAll("categoryIds").map(String) });
    return { ok: true, message: t("admin.saved") } satisfies ActionResult;
  });
}

export default function Doors() {
  const { event, liveSeq, counts: initial, lists, kiosks, rooms, categories, duplicates, overridden, may } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as (ActionResult & { link?: string }) | undefined;
  // A second click while the first registration is on its way would register a second kiosk, whose link nobody sees.
  const registering = useNavigation().formData?.get("intent") === "kiosk";
  const t = useT();
  const lang = useUiLang();
  const [counts, setCounts] = useState<LiveTopicData["checkin"]>(initial);
  useLive(event.slug, ["checkin"], (m) => setCounts(m.data), { since: liveSeq });
  const fmt = eventFormatter(lang, event.timezone);
  const name = (value: Record<string, string>) => text(value, lang, event.languages);
  const listName = (id: number) => name(lists.find((l) => l.id === id)?.name ?? {});
  return (
    <>
      <title>{t("doors.title")}</title>
      <h1>{t("doors.title")}</h1>
      <FormStatus result={result} />
      {result?.link ? (
        <p className="notice" role="status">
          {t("doors.kiosks.linkOnce")} <a href={result.link}>{result.link}</a>
        </p>
      ) : null}

      <h2>{t("doors.counts.title")}</h2>
      <p aria-live="polite">{t("doors.counts.inVenue", { count: counts.inVenue })}</p>
      <TableRegion label={t("doors.counts.title")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("doors.lists.name")}</th>
              <th scope="col">{t("doors.counts.people")}</th>
              <th scope="col">{t("doors.counts.inside")}</th>
              <th scope="col">{t("doors.counts.duplicates")}</th>
              <th scope="col">{t("doors.counts.refused")}</th>
            </tr>
          </thead>
          <tbody>
            {lists.map((l) => {
              const c = counts.lists.find((x) => x.listId === l.id);
              const inside = l.roomId ? (counts.rooms.find((r) => r.roomId === l.roomId)?.people ?? 0) : null;
              return (
                <tr key={l.id}>
                  <th scope="row">{name(l.name)}</th>
                  <td>{c?.people ?? 0}</td>
                  <td>{inside ?? "—"}</td>
                  <td>{c?.duplicates ?? 0}</td>
                  <td>{c?.refused ?? 0}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>

      <h2>{t("doors.kiosks.title")}</h2>
      {may.operate && lists.length > 0 ? (
        <Form method="post" className="stack">
          <Csrf />
          <SelectField name="listId" label={t("doors.kiosks.list")} options={lists.map((l) => ({ value: l.id, label: name(l.name) }))} required />
          <Field name="name" label={t("doors.kiosks.name")} required result={resultFor(result, (v) => v.intent === "kiosk")} />
          <p className="actions">
            <button type="submit" name="intent" value="kiosk" disabled={registering}>
              {t("doors.kiosks.register")}
            </button>
          </p>
        </Form>
      ) : null}
      {kiosks.length === 0 ? (
        <p>{t("doors.kiosks.none")}</p>
      ) : (
        <TableRegion label={t("doors.kiosks.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("doors.kiosks.name")}</th>
                <th scope="col">{t("doors.kiosks.list")}</th>
                <th scope="col">{t("doors.kiosks.lastSeen")}</th>
                <th scope="col">{t("doors.kiosks.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {kiosks.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.name}</th>
                  <td>{listName(k.listId)}</td>
                  <td>{k.lastSeenAt ? <Stamp at={k.lastSeenAt}>{fmt.dateTime(new Date(k.lastSeenAt))}</Stamp> : "—"}</td>
                  <td>
                    {k.revokedAt ? (
                      t("doors.kiosks.isRevoked")
                    ) : may.manage ? (
                      <Form method="post">
                        <Csrf />
                        <input type="hidden" name="kiosk" value={k.id} />
                        <button type="submit" name="intent" value="revoke" className="danger">
                          {t("doors.kiosks.revoke")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}

      {may.manage ? (
        <>
          <h2>{t("doors.lists.title")}</h2>
          {[...lists, null].map((l) => {
            const scope = `list-${l?.id ?? "new"}`;
            const failed = resultFor(result, (v) => v.intent === "save" && String(v.id ?? "") === String(l?.id ?? ""));
            return (
              <details key={l?.id ?? "new"} open={(!l && lists.length === 0) || failed !== undefined}>
                <summary>{l ? name(l.name) : t("doors.lists.new")}</summary>
                <Form method="post" className="stack">
                  <Csrf />
                  {l ? (
                    <>
                      <input type="hidden" name="id" value={l.id} />
                      <input type="hidden" name="version" value={l.version} />
                    </>
                  ) : null}
                  <LocalizedField
                    name="name"
                    label={t("doors.lists.name")}
                    languages={event.languages}
                    value={l?.name}
                    required
                    scope={scope}
                    result={failed}
                  />
                  <SelectField
                    name="kind"
                    label={t("doors.lists.kind")}
                    options={(["door", "room"] as const).map((k) => ({ value: k, label: t(`doors.kinds.${k}`) }))}
                    defaultValue={l?.kind}
                    scope={scope}
                  />
                  <SelectField
                    name="roomId"
                    label={t("doors.lists.room")}
                    options={[{ value: "", label: "—" }, ...rooms.map((r) => ({ value: r.id, label: name(r.name) }))]}
                    defaultValue={l?.roomId}
                    scope={scope}
                    result={failed}
                  />
                  <SelectField
                    name="direction"
                    label={t("doors.lists.direction")}
                    options={directions.map((d) => ({ value: d, label: t(`doors.directions.${d}`) }))}
                    defaultValue={l?.direction}
                    scope={scope}
                  />
                  <fieldset>
                    <legend>{t("doors.lists.categories")}</legend>
                    <p className="hint">{t("doors.lists.categoriesHint")}</p>
                    {categories.map((c) => (
                      <label key={c.id} className="choice">
                        <input type="checkbox" name="categoryIds" value={c.id} defaultChecked={l?.categoryIds.includes(c.id)} /> {name(c.name)}
                      </label>
                    ))}
                  </fieldset>
                  <Field
                    name="windowFrom"
                    type="datetime-local"
                    label={t("doors.lists.opens")}
                    hint={t("doors.lists.hoursHint", { zone: event.timezone })}
                    scope={scope}
                  />
                  <Field name="windowTo" type="datetime-local" label={t("doors.lists.closes")} scope={scope} />
                  <p className="actions">
                    <button type="submit" name="intent" value="save">
                      {t("admin.save")}
                    </button>
                  </p>
                </Form>
              </details>
            );
          })}
        </>
      ) : null}

      <h2>{t("doors.duplicates.title")}</h2>
      {duplicates.length === 0 ? (
        <p>{t("doors.duplicates.none")}</p>
      ) : (
        <ul>
          {duplicates.map((d) => (
            <li key={d.scanId}>
              <a href={`/admin/e/${event.slug}/registrations/${d.participantId}`}>
                {d.familyName}, {d.givenName}
              </a>{" "}
              · {listName(d.listId)} · <Stamp at={d.at}>{fmt.dateTime(new Date(d.at))}</Stamp>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("doors.overrides.title")}</h2>
      {overridden.length === 0 ? (
        <p>{t("doors.overrides.none")}</p>
      ) : (
        <ul>
          {overridden.map((o) => (
            <li key={o.id}>
              {o.participantId && o.familyName ? (
                <a href={`/admin/e/${event.slug}/registrations/${o.participantId}`}>
                  {o.familyName}, {o.givenName}
                </a>
              ) : (
                t("doors.overrides.unknownPerson")
              )}{" "}
              · {listName(o.listId)} · <Stamp at={o.at}>{fmt.dateTime(new Date(o.at))}</Stamp> · {o.shownReason ? t(`kiosk.refused.${o.shownReason}`) : ""} ·{" "}
              {o.reason}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
