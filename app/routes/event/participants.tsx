import { type Localized, text as localizedText } from "../../../features/shared/localized.ts";
import { createTranslator, htmlLang } from "../../../i18n/index.ts";
import { useT } from "../../i18n.ts";
import { guard, publicParticipants, publishedEvent } from "../../server-helpers.ts";
import { L } from "../../ui/localized.tsx";
import type { Route } from "./+types/participants";
import { type EventLayoutData, pageMeta, useEventData } from "./layout.tsx";

interface Listed {
  familyName: string;
  honorific: string | null;
  name: string;
  localName: string;
  position: string | null;
  organisation: string | null;
  head: boolean;
}

/**
 * Approved participants who agreed to be listed, by delegation (in the page language's alphabetical order,
 * the Head of Delegation first), then everyone without a delegation under "Other participants".
 */
export async function loader({ params, context }: Route.LoaderArgs) {
  return guard(async () => {
    const event = await publishedEvent(context, params.slug);
    const rows = await publicParticipants(context, event);
    const byDelegation = new Map<number | null, { name: Localized | null; people: Listed[] }>();
    for (const row of rows) {
      let group = byDelegation.get(row.delegationId);
      if (!group) byDelegation.set(row.delegationId, (group = { name: row.delegationName, people: [] }));
      group.people.push({
        familyName: row.familyName,
        honorific: row.honorific,
        name: `${row.givenName} ${row.familyName}`,
        localName: [row.givenNameLocal, row.familyNameLocal].filter(Boolean).join(" "),
        position: row.position,
        organisation: row.organisation,
        head: row.headParticipantId === row.id,
      });
    }
    // Delegations in protocol order: alphabetical by their names in the language the event chose, the same on
    // every page; people in the reader's alphabetical order, the Head of Delegation first.
    const protocol = new Intl.Collator(htmlLang(event.protocolLanguage));
    const reader = new Intl.Collator(htmlLang(params.lang));
    const protocolName = (name: Localized | null) => localizedText(name, event.protocolLanguage, event.languages);
    const delegations = [...byDelegation.entries()]
      .filter(([id]) => id !== null)
      .map(([, group]) => group)
      .sort((a, b) => protocol.compare(protocolName(a.name), protocolName(b.name)));
    const byName = (a: Listed, b: Listed) => reader.compare(a.familyName, b.familyName) || reader.compare(a.name, b.name);
    for (const group of delegations) group.people.sort((a, b) => Number(b.head) - Number(a.head) || byName(a, b));
    byDelegation.get(null)?.people.sort(byName);
    return { delegations, others: byDelegation.get(null)?.people ?? [], total: rows.length };
  });
}

export const meta: Route.MetaFunction = ({ matches }) => {
  const layout = matches.find((m) => m?.id === "routes/event/layout")?.loaderData as EventLayoutData | undefined;
  return pageMeta(layout, layout ? createTranslator(layout.uiLang)("participants.title") : "", "/participants");
};

function People({ people }: { people: Listed[] }) {
  const t = useT();
  return (
    <ul className="participants">
      {people.map((p, i) => (
        <li key={i}>
          {/* Names, positions and organisations come in any script: each is isolated from the page's direction. */}
          <strong>
            <bdi>{p.honorific ? `${p.honorific} ${p.name}` : p.name}</bdi>
          </strong>
          {p.localName ? (
            <>
              {" "}
              <span className="local-name">
                (<bdi>{p.localName}</bdi>)
              </span>
            </>
          ) : null}
          {p.head ? (
            <>
              {" "}
              <span className="tag">{t("participants.head")}</span>
            </>
          ) : null}
          {p.position || p.organisation ? (
            <>
              <br />
              <span className="muted">
                <bdi>{[p.position, p.organisation].filter(Boolean).join(", ")}</bdi>
              </span>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export default function Participants({ loaderData }: Route.ComponentProps) {
  const { ctx } = useEventData();
  const t = useT();
  const { delegations, others, total } = loaderData;
  return (
    <>
      <h1>{t("participants.title")}</h1>
      <p>{t("participants.intro")}</p>
      <p role="status">{t("participants.count", { count: total })}</p>
      {delegations.map((group, i) => (
        <section key={i} aria-labelledby={`delegation-${i}`}>
          <h2 id={`delegation-${i}`}>
            <L value={group.name} ctx={ctx} />
          </h2>
          <People people={group.people} />
        </section>
      ))}
      {others.length ? (
        <section aria-labelledby="others">
          <h2 id="others">{t(delegations.length ? "participants.others" : "participants.all")}</h2>
          <People people={others} />
        </section>
      ) : null}
    </>
  );
}
