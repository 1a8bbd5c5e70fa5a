import type { ReactNode } from "react";
import { Link, useLoaderData, useRouteLoaderData } from "react-router";
import { registrationDashboard } from "../../../features/registration/review/dashboard.ts";
import { registrationStatuses } from "../../../features/registration/vocabulary.ts";
import { text } from "../../../features/shared/localized.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { htmlLang } from "../../../i18n/index.ts";
import { loadStaffEvent } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { BarChart, type BarRow, DayChart, shortName } from "../../ui/charts.tsx";
import { countryName } from "../../ui/country.ts";
import type { Route } from "./+types/registration-dashboard";
import type { StaffEventData } from "./event-layout.tsx";

/** Registrations at a glance: by status, category, country, delegation and day, as charts and as tables. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const { db, cache } = services(context);
  const dashboard = await registrationDashboard(db, event, cache.scoped(event.slug));
  // Country names come from the server's ICU data, so the hydrated page shows the same text.
  const lang = uiLanguage(request, context);
  return {
    ...dashboard,
    countries: { ...dashboard.countries, top: dashboard.countries.top.map((c) => ({ ...c, name: countryName(c.code, lang) })) },
  };
}

/** A chart with its caption and, next to it (under it when `wide`), its numbers as a table. */
function Figure({ id, title, chart, table, wide }: { id: string; title: string; chart: ReactNode; table: ReactNode; wide?: boolean }) {
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        <h2>{title}</h2>
      </figcaption>
      <div className={wide ? "chart-body wide" : "chart-body"}>
        <div>{chart}</div>
        {/* A wide table scrolls on its own on a phone, reachable by keyboard. */}
        {wide ? (
          // biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useSemanticElements: a scrollable region must take focus (WCAG 2.1.1); a <section> would add a landmark per chart.
          <div className="chart-numbers scroll" tabIndex={0} role="region" aria-labelledby={`${id}-title`}>
            {table}
          </div>
        ) : (
          <div className="chart-numbers">{table}</div>
        )}
      </div>
    </figure>
  );
}

export default function RegistrationDashboard() {
  const data = useLoaderData<typeof loader>();
  const { event } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const t = useT();
  const lang = useUiLang();
  const nf = new Intl.NumberFormat(htmlLang(lang));
  const n = (value: number) => nf.format(value);
  const list = `/admin/e/${event.slug}/registrations`;
  const name = (value: Parameters<typeof text>[0]) => text(value, lang, event.languages);
  /** The spoken summary of a bar chart: its title, then each bar's text with the name whole. */
  const summary = (title: string, rows: BarRow[]) => t("dashboard.summary", { title, items: rows.map((r) => r.spoken).join("; ") });
  /** A bar labelled by `message` with a name: cut on the chart, whole in the summary. */
  const bar = (row: Omit<BarRow, "text" | "spoken">, label: string, message: (label: string) => string): BarRow => ({
    ...row,
    text: message(shortName(label)),
    spoken: message(label),
  });
  const item = (value: number) => (label: string) => t("dashboard.item", { label, value: n(value) });

  const statusRows = registrationStatuses.map((s) => bar({ key: s, value: data.statuses[s] }, t(`registration.statuses.${s}`), item(data.statuses[s])));

  const categoryRows = data.categories.map((c) =>
    bar({ key: c.id, value: c.counts.approved, limit: c.capacity, colour: c.colour }, name(c.name), (label) =>
      c.capacity === null
        ? t("dashboard.categories.barNoLimit", { name: label, approved: n(c.counts.approved) })
        : t("dashboard.categories.bar", { name: label, approved: n(c.counts.approved), capacity: n(c.capacity) }),
    ),
  );

  const { countries } = data;
  const countryRows = [
    ...countries.top.map((c) => bar({ key: c.code, value: c.count }, c.name, item(c.count))),
    ...(countries.others
      ? [bar({ key: "others", value: countries.others }, t("dashboard.countries.others", { count: countries.otherCountries }), item(countries.others))]
      : []),
    ...(countries.none ? [bar({ key: "none", value: countries.none }, t("dashboard.countries.none"), item(countries.none))] : []),
  ];

  const delegationRows = data.delegations.map((d) =>
    bar({ key: d.id, value: d.used, limit: d.quota }, name(d.name), (label) =>
      t("dashboard.delegations.bar", { name: label, used: n(d.used), quota: d.quota }),
    ),
  );

  const days = data.days;
  const shortDay = new Intl.DateTimeFormat(htmlLang(lang), { day: "numeric", month: "short", timeZone: "UTC" });
  const dayLabel = (day: string) => shortDay.format(new Date(`${day}T00:00:00Z`));
  const fullDay = (day: string) => eventFormatter(lang, "UTC").date(new Date(`${day}T00:00:00Z`));
  const busiest = days.reduce((best, d) => (d.count > best.count ? d : best), days[0] ?? { day: "", count: 0, total: 0 });
  const received = days.reduce((a, d) => a + d.count, 0);

  return (
    <>
      <title>{t("dashboard.title")}</title>
      <h1>{t("dashboard.title")}</h1>
      <p>
        {t("dashboard.total", { count: data.total })} <Link to={list}>{t("dashboard.list")}</Link>
      </p>

      <div className="charts">
        <Figure
          id="status"
          title={t("dashboard.status.title")}
          chart={<BarChart rows={statusRows} label={summary(t("dashboard.status.title"), statusRows)} />}
          table={
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.status.column")}</th>
                  <th scope="col" className="num">
                    {t("dashboard.status.count")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {registrationStatuses.map((s) => (
                  <tr key={s}>
                    <th scope="row">
                      <Link to={`${list}?status=${s}`}>{t(`registration.statuses.${s}`)}</Link>
                    </th>
                    <td className="num">{n(data.statuses[s])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />

        <Figure
          id="categories"
          title={t("dashboard.categories.title")}
          wide
          chart={
            data.categories.length ? (
              <BarChart rows={categoryRows} label={summary(t("dashboard.categories.title"), categoryRows)} />
            ) : (
              <p>{t("dashboard.categories.empty")}</p>
            )
          }
          table={
            data.categories.length ? (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.categories.column")}</th>
                    {(["approved", "pending", "waitlisted", "active", "capacity"] as const).map((k) => (
                      <th key={k} scope="col" className="num">
                        {t(`dashboard.categories.${k}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.categories.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        <span className="category-letter" style={{ background: c.colour }} aria-hidden="true">
                          {c.letter}
                        </span>{" "}
                        <Link to={`${list}?category=${c.id}`}>{name(c.name)}</Link>
                      </th>
                      <td className="num">{n(c.counts.approved)}</td>
                      <td className="num">{n(c.counts.pending)}</td>
                      <td className="num">{n(c.counts.waitlisted)}</td>
                      <td className="num">{n(c.active)}</td>
                      <td className="num">{c.capacity === null ? t("dashboard.categories.noLimit") : n(c.capacity)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null
          }
        />

        <Figure
          id="countries"
          title={t("dashboard.countries.title")}
          chart={
            countryRows.length ? (
              <BarChart rows={countryRows} label={summary(t("dashboard.countries.title"), countryRows)} />
            ) : (
              <p>{t("dashboard.countries.empty")}</p>
            )
          }
          table={
            countryRows.length ? (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.countries.column")}</th>
                    <th scope="col" className="num">
                      {t("dashboard.countries.count")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {countries.top.map((c) => (
                    <tr key={c.code}>
                      <th scope="row">
                        <Link to={`${list}?country=${c.code}`}>{c.name}</Link>
                      </th>
                      <td className="num">{n(c.count)}</td>
                    </tr>
                  ))}
                  {countries.others ? (
                    <tr>
                      <th scope="row">{t("dashboard.countries.others", { count: countries.otherCountries })}</th>
                      <td className="num">{n(countries.others)}</td>
                    </tr>
                  ) : null}
                  {countries.none ? (
                    <tr>
                      <th scope="row">{t("dashboard.countries.none")}</th>
                      <td className="num">{n(countries.none)}</td>
                    </tr>
                  ) : null}
                </tbody>
              </table>
            ) : null
          }
        />

        <Figure
          id="delegations"
          title={t("dashboard.delegations.title")}
          chart={
            delegationRows.length ? (
              <BarChart rows={delegationRows} label={summary(t("dashboard.delegations.title"), delegationRows)} />
            ) : (
              <p>{t("dashboard.delegations.empty")}</p>
            )
          }
          table={
            delegationRows.length ? (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.delegations.column")}</th>
                    <th scope="col" className="num">
                      {t("dashboard.delegations.used")}
                    </th>
                    <th scope="col" className="num">
                      {t("dashboard.delegations.quota")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.delegations.map((d) => (
                    <tr key={d.id}>
                      <th scope="row">
                        <Link to={`${list}?delegation=${d.id}`}>{name(d.name)}</Link>
                      </th>
                      <td className="num">{n(d.used)}</td>
                      <td className="num">{n(d.quota)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null
          }
        />
      </div>

      <figure className="chart" aria-labelledby="days-title">
        <figcaption id="days-title">
          <h2>{t("dashboard.days.title")}</h2>
          {days.length ? <p className="hint">{t("dashboard.days.hint", { count: days.length, zone: event.timezone })}</p> : null}
        </figcaption>
        {days.length ? (
          <>
            <h3>{t("dashboard.days.perDay")}</h3>
            <DayChart
              points={days.map((d) => ({ day: d.day, value: d.count }))}
              kind="bars"
              dayLabel={dayLabel}
              number={n}
              label={t("dashboard.days.summaryBars", {
                first: fullDay(days[0].day),
                last: fullDay(days[days.length - 1].day),
                count: received,
                max: n(busiest.count),
                maxDay: fullDay(busiest.day),
              })}
            />
            <h3>{t("dashboard.days.runningTotal")}</h3>
            <DayChart
              points={days.map((d) => ({ day: d.day, value: d.total }))}
              kind="line"
              dayLabel={dayLabel}
              number={n}
              label={t("dashboard.days.summaryLine", {
                first: fullDay(days[0].day),
                last: fullDay(days[days.length - 1].day),
                from: n(days[0].total),
                to: n(days[days.length - 1].total),
              })}
            />
            <details>
              <summary>{t("dashboard.numbers")}</summary>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.days.day")}</th>
                    <th scope="col" className="num">
                      {t("dashboard.days.count")}
                    </th>
                    <th scope="col" className="num">
                      {t("dashboard.days.total")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {days.map((d) => (
                    <tr key={d.day}>
                      <th scope="row">{d.count ? <Link to={`${list}?from=${d.day}&to=${d.day}`}>{fullDay(d.day)}</Link> : fullDay(d.day)}</th>
                      <td className="num">{n(d.count)}</td>
                      <td className="num">{n(d.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        ) : (
          <p>{t("dashboard.days.empty")}</p>
        )}
      </figure>
    </>
  );
}
