import { Form } from "react-router";
import type { ReminderOutcome } from "../../features/registration/mailing/send-reminders.ts";
import type { Translate } from "../../i18n/index.ts";
import type { ActionResult } from "../admin.ts";
import { useT } from "../i18n.ts";
import { Csrf } from "./form.tsx";

/**
 * Inside the review queue's form: reminds the ticked people. `batch` is made per rendered page, so posting
 * the same form twice sends nothing twice (features/registration/mailing/send-reminders.ts).
 */
export function RemindSelected({ batch }: { batch: string }) {
  const t = useT();
  return (
    <p className="actions">
      <input type="hidden" name="batch" value={batch} />
      <button type="submit" name="intent" value="remind" className="secondary">
        {t("mailing.reminders.remindSelected")}
      </button>
    </p>
  );
}

/** Reminds everyone pending, or everyone whose category asks for details they have not given yet. */
export function RemindAll({ batch, pending }: { batch: string; pending: number }) {
  const t = useT();
  return (
    <Form method="post" className="stack" aria-labelledby="reminders">
      <Csrf />
      <input type="hidden" name="batch" value={batch} />
      <input type="hidden" name="intent" value="remind" />
      <h2 id="reminders">{t("mailing.reminders.title")}</h2>
      <p className="hint">{t("mailing.reminders.hint")}</p>
      <p className="actions">
        <button type="submit" name="audience" value="pending" className="secondary" disabled={pending === 0}>
          {t("mailing.reminders.remindPending", { count: pending })}
        </button>
        <button type="submit" name="audience" value="incomplete" className="secondary">
          {t("mailing.reminders.remindIncomplete")}
        </button>
      </p>
    </Form>
  );
}

/** What the queue says after a reminder: how many are on their way, and who was left out and why. */
export function reminderResult(t: Translate, outcome: ReminderOutcome): ActionResult {
  const warnings: string[] = [];
  if (outcome.alreadyQueued) warnings.push(t("mailing.reminders.alreadyQueued", { count: outcome.alreadyQueued }));
  if (outcome.closed) warnings.push(t("mailing.reminders.closed", { count: outcome.closed }));
  return { ok: true, message: t("mailing.reminders.queued", { count: outcome.queued }), warnings };
}
