import { choicePrefix, type EditConflict } from "../../features/shared/merge.ts";
import { useT } from "../i18n.ts";

/**
 * A lost edit race, shown inside the form being saved again: what the other person changed, what the person
 * changed, and a choice where both changed a field. Without JavaScript the server applies the choices; with
 * it, choosing "theirs" also puts their value into the field, so what is seen is what will be saved.
 */
export function ConflictReview({
  conflict,
  label,
  show,
}: {
  conflict: EditConflict;
  label: (field: string) => string;
  show: (field: string, value: string) => string;
}) {
  const t = useT();
  const shown = (field: string, value: string | null) => (value === null ? "—" : value === "" ? t("admin.conflict.empty") : show(field, value));
  const put = (input: HTMLInputElement, field: string, value: string) => {
    const control = input.form?.elements.namedItem(field);
    if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement || control instanceof HTMLSelectElement) control.value = value;
  };
  return (
    <section className="conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{t("admin.conflict.title")}</h2>
      <p>{t("admin.conflict.intro")}</p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.conflict.field")}</th>
              <th scope="col">{t("admin.conflict.base")}</th>
              <th scope="col">{t("admin.conflict.theirs")}</th>
              <th scope="col">{t("admin.conflict.yours")}</th>
              <th scope="col">{t("admin.conflict.outcome")}</th>
            </tr>
          </thead>
          <tbody>
            {conflict.fields.map((f) => (
              <tr key={f.field} data-field={f.field}>
                <th scope="row">{label(f.field)}</th>
                <td>{shown(f.field, f.base)}</td>
                <td>{shown(f.field, f.theirs)}</td>
                <td>{shown(f.field, f.yours)}</td>
                <td>
                  {f.outcome === "both" ? (
                    <fieldset className="choice">
                      <legend className="visually-hidden">{t("admin.conflict.choose", { field: label(f.field) })}</legend>
                      <label>
                        <input
                          type="radio"
                          name={`${choicePrefix}${f.field}`}
                          value="yours"
                          defaultChecked
                          onChange={(e) => put(e.currentTarget, f.field, f.yours)}
                        />{" "}
                        {t("admin.conflict.keepYours")}
                      </label>{" "}
                      <label>
                        <input type="radio" name={`${choicePrefix}${f.field}`} value="theirs" onChange={(e) => put(e.currentTarget, f.field, f.theirs)} />{" "}
                        {t("admin.conflict.keepTheirs")}
                      </label>
                    </fieldset>
                  ) : f.outcome === "theirs" ? (
                    t("admin.conflict.takenTheirs")
                  ) : (
                    t("admin.conflict.keptYours")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
