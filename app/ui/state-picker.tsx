import type { stateChoices } from "../../features/registration/delegations/states.ts";
import { useT } from "../i18n.ts";

export type StateChoice = ReturnType<typeof stateChoices>[number];

/** The States to pick from (UN names, in the interface language), offered by a country field through `list="states"`. */
export function StatesList({ states }: { states: readonly StateChoice[] }) {
  const t = useT();
  return (
    <datalist id="states">
      {states.map((s) => (
        <option
          key={s.code}
          value={s.code}
          data-names={JSON.stringify(s.names)}
          label={s.observer ? `${s.label} (${t("registration.admin.delegations.observerState")})` : s.label}
        />
      ))}
    </datalist>
  );
}

/**
 * Picking a State fills the names still empty with its names in the event's languages (the server fills
 * them too, for a form sent without JavaScript).
 */
export function fillStateNames(input: HTMLInputElement) {
  const option = input.list?.querySelector<HTMLOptionElement>(`option[value="${CSS.escape(input.value.trim().toUpperCase())}"]`);
  const names = option?.dataset.names ? (JSON.parse(option.dataset.names) as Record<string, string>) : null;
  if (!names || !input.form) return;
  for (const [lang, name] of Object.entries(names)) {
    const field = input.form.elements.namedItem(`name.${lang}`);
    if (field instanceof HTMLInputElement && field.value.trim() === "") field.value = name;
  }
}
