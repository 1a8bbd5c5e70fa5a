import { useT } from "../i18n.ts";

/** A person's data on request: a copy (JSON download, audited) and erasure (its own confirmation page). */
export function PersonDataActions({ slug, participantId, mayErase }: { slug: string; participantId: number; mayErase: boolean }) {
  const t = useT();
  const base = `/admin/e/${slug}/registrations/${participantId}`;
  return (
    <section aria-labelledby="person-data">
      <h2 id="person-data">{t("privacy.requests.title")}</h2>
      <p>
        <a href={`${base}/data.json`} download>
          {t("privacy.participant.export")}
        </a>
        {mayErase ? (
          <>
            {" "}
            · <a href={`${base}/erase`}>{t("privacy.participant.erase")}</a>
          </>
        ) : null}
      </p>
      <p className="hint">{t("privacy.export.hint")}</p>
    </section>
  );
}
