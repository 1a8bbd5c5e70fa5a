// The facilitator's forms for one paragraph of the open draft: rewrite, move, mark, bracket (app/routes/admin/document.tsx posts them).
import { Form } from "react-router";
import type { SnapshotParagraph } from "../../features/negotiation/redline.ts";
import type { ActionResult } from "../admin.ts";
import { useT } from "../i18n.ts";
import { Csrf, Field, LocalizedField, SelectField } from "./form.tsx";

export function ParagraphForms({
  paragraph: p,
  revision: r,
  languages,
  afterOptions,
  result,
}: {
  paragraph: SnapshotParagraph;
  revision: { number: number; version: number };
  languages: readonly string[];
  afterOptions: { value: string | number; label: string }[];
  result: ActionResult | undefined;
}) {
  const t = useT();
  const hidden = (
    <>
      <Csrf />
      <input type="hidden" name="revision" value={r.number} />
      <input type="hidden" name="version" value={r.version} />
    </>
  );
  return (
    <details>
      <summary>{t("negotiation.page.editParagraph", { number: p.number })}</summary>
      <Form method="post" className="stack">
        {hidden}
        <input type="hidden" name="paragraphId" value={p.paragraphId} />
        <LocalizedField
          name="text"
          label={t("negotiation.page.paragraphText")}
          languages={languages}
          value={p.text}
          multiline
          scope={p.paragraphId}
          result={result}
        />
        <button type="submit" name="intent" value="edit">
          {t("admin.save")}
        </button>
      </Form>
      <Form method="post" className="stack">
        {hidden}
        <input type="hidden" name="paragraphId" value={p.paragraphId} />
        <SelectField
          name="afterParagraphId"
          label={t("negotiation.page.moveAfter")}
          options={afterOptions.filter((o) => o.value !== p.paragraphId)}
          scope={`m${p.paragraphId}`}
        />
        <button type="submit" name="intent" value="move">
          {t("negotiation.page.move")}
        </button>
      </Form>
      <Form method="post" className="stack">
        {hidden}
        <input type="hidden" name="paragraphId" value={p.paragraphId} />
        <SelectField
          name="status"
          label={t("negotiation.page.status")}
          options={(["agreed_ad_ref", "agreed", "deleted"] as const).map((s) => ({ value: s, label: t(`negotiation.paragraphStatus.${s}`) }))}
          scope={`s${p.paragraphId}`}
        />
        <button type="submit" name="intent" value="status">
          {t("negotiation.page.mark")}
        </button>
      </Form>
      <Form method="post" className="stack">
        {hidden}
        <input type="hidden" name="paragraphId" value={p.paragraphId} />
        <fieldset>
          <legend>{t("negotiation.page.bracket")}</legend>
          <Field name="words" label={t("negotiation.page.bracketWords")} scope={`b${p.paragraphId}`} required result={result} />
          <Field name="alt1" label={t("negotiation.alternative", { number: 1 })} scope={`b${p.paragraphId}`} />
          <Field name="alt2" label={t("negotiation.alternative", { number: 2 })} scope={`b${p.paragraphId}`} />
        </fieldset>
        <button type="submit" name="intent" value="bracket">
          {t("negotiation.page.addBracket")}
        </button>
      </Form>
    </details>
  );
}
