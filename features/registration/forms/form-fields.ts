import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/index.ts";
import { recordAudit } from "../../access/audit.ts";
import { can } from "../../access/policy.ts";
import { checkLocalized } from "../../events/check-languages.ts";
import type { EventRow } from "../../events/queries.ts";
import { fileStore } from "../../files/store.ts";
import type { StaffContext } from "../../shared/context.ts";
import { Conflict, Forbidden, Invalid, isAppError, NotFound } from "../../shared/errors.ts";
import type { Localized } from "../../shared/localized.ts";
import { parseInput, toId } from "../../shared/validate.ts";
import { type CustomFieldOption, type CustomFieldType, categories, type FormFieldRow, formFields, participants } from "../schema.ts";
import { formFieldInput, formFieldVersion, isReservedFieldKey, maxOptions, newFormFieldInput } from "./form-field-input.ts";

export type { FormFieldRow };

const choiceTypes: readonly CustomFieldType[] = ["choice", "multi_choice"];

/** The event's questions in the order the form asks them. */
export function listFormFields(db: DbOrTx, eventId: number): Promise<FormFieldRow[]> {
  return db.select().from(formFields).where(eq(formFields.eventId, eventId)).orderBy(asc(formFields.position), asc(formFields.id));
}

export async function getFormField(ctx: StaffContext, event: EventRow, id: unknown): Promise<FormFieldRow> {
  const fieldId = toId(id);
  if (!fieldId) throw NotFound();
  const [row] = await ctx.db
    .select()
    .from(formFields)
    .where(and(eq(formFields.id, fieldId), eq(formFields.eventId, event.id)));
  if (!row) throw NotFound();
  return row;
}

const cyrillic: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "yo",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
  ў: "o",
  қ: "q",
  ғ: "g",
  ҳ: "h",
};

/** `Will you attend the side events?` → `will_you_attend_the_side_events`; Cyrillic is transliterated. */
export function slugify(text: string, max = 40): string {
  // Apostrophes (Uzbek oʻ, gʻ) join a word, they do not split it.
  const latin = [...text.toLowerCase().replace(/[\u02BB\u02BC\u2018\u2019'`]/g, "")].map((c) => cyrillic[c] ?? c).join("");
  return latin
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+/, "")
    .slice(0, max)
    .replace(/_+$/, "");
}

/** The first language (in the event's order) whose text gives a slug. */
function slugOf(value: Localized, languages: readonly string[], max?: number): string {
  for (const lang of languages) {
    const slug = slugify(value[lang] ?? "", max);
    if (slug) return slug;
  }
  return "";
}

/** A key made from a label: `q_` before one that would start with a digit or name a reserved key (`Constructor`). */
function keyFromLabel(slug: string): string {
  const key = slug || "question";
  return /^\d/.test(key) || isReservedFieldKey(key) ? `q_${key}` : key;
}

/** Runs a check that throws a validation error, adding its field errors to `fields` instead. */
function collect<T>(fields: Record<string, string>, check: () => T): T | undefined {
  try {
    return check();
  } catch (error) {
    if (isAppError(error) && error.code === "validation") {
      Object.assign(fields, error.fields);
      return undefined;
    }
    throw error;
  }
}

/** Options with a label in the default language and a stable value each; empty rows are dropped. */
function cleanOptions(
  rows: { row: number; value?: string; label: Localized }[],
  languages: readonly string[],
  fields: Record<string, string>,
): CustomFieldOption[] {
  const options: CustomFieldOption[] = [];
  const taken = new Set<string>();
  for (const row of rows) {
    const label = collect(fields, () => checkLocalized(languages, { [`options.${row.row}.label`]: row.label }))?.[`options.${row.row}.label`];
    // A row without any label is a blank row of the form, or an option the organiser emptied to remove it.
    if (!label || Object.keys(label).length === 0) continue;
    if (!label[languages[0]]) fields[`options.${row.row}.label.${languages[0]}`] = "required";
    let value = row.value;
    if (value !== undefined) {
      if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(value)) fields[`options.${row.row}.value`] = "form_field.option_format";
      else if (taken.has(value)) fields[`options.${row.row}.value`] = "form_field.option_duplicate";
    } else {
      const base = slugOf(label, languages, 36) || `option_${options.length + 1}`;
      value = base;
      for (let n = 2; taken.has(value); n++) value = `${base}_${n}`;
    }
    taken.add(value);
    options.push({ value, label });
  }
  if (options.length > maxOptions) fields.options = "form_field.too_many_options";
  return options;
}

/**
 * Creates a question (`existing` null) or saves one. A save carries the version the organiser saw: a
 * stale one answers 409 and changes nothing. Keys are unique per event; choices need an option.
 */
export async function saveFormField(ctx: StaffContext, event: EventRow, existing: FormFieldRow | null, input: unknown): Promise<FormFieldRow> {
  if (!can(ctx.actor, "registrations.manage")) throw Forbidden();
  const data = parseInput(existing ? formFieldInput.extend(formFieldVersion.shape) : newFormFieldInput, input);
  const type: CustomFieldType = existing ? existing.type : (data as { type: CustomFieldType }).type;
  const fields: Record<string, string> = {};
  const text = collect(fields, () => checkLocalized(event.languages, { label: data.label, help: data.help }, ["label"]));
  const options = choiceTypes.includes(type) ? cleanOptions(data.options, event.languages, fields) : [];
  if (choiceTypes.includes(type) && options.length === 0 && !Object.keys(fields).some((f) => f.startsWith("options.")))
    fields.options = "form_field.options_required";
  if (data.categoryIds.length) {
    const known = await ctx.db
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.eventId, event.id), inArray(categories.id, data.categoryIds)));
    if (known.length !== data.categoryIds.length) fields.categoryIds = "registration.category_unknown";
  }
  const key = existing ? existing.key : ((data as { key?: string }).key ?? keyFromLabel(slugOf(data.label, event.languages)));
  if (Object.keys(fields).length || !text) throw Invalid("validation", fields);
  const values = { label: text.label, help: text.help, options, required: data.required, categoryIds: data.categoryIds };

  return ctx.db.transaction(async (tx) => {
    let saved: FormFieldRow | undefined;
    if (existing) {
      const seen = (data as { version: number }).version;
      [saved] = await tx
        .update(formFields)
        .set({ ...values, version: seen + 1 })
        .where(and(eq(formFields.id, existing.id), eq(formFields.eventId, event.id), eq(formFields.version, seen)))
        .returning();
      if (!saved) throw Conflict("conflict.stale", { current: existing.version });
    } else {
      const [{ next }] = await tx
        .select({ next: sql<number>`coalesce(max(${formFields.position}) + 1, 0)::int` })
        .from(formFields)
        .where(eq(formFields.eventId, event.id));
      // The unique index decides between two organisers adding the same key at once.
      [saved] = await tx
        .insert(formFields)
        .values({ ...values, eventId: event.id, key, type, position: next })
        .onConflictDoNothing()
        .returning();
      if (!saved) throw Invalid("validation", { key: "form_field.key_taken" }, { key });
    }
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "form_field",
      entityId: saved.id,
      action: existing ? "update" : "create",
      before: existing ?? undefined,
      after: saved,
    });
    return saved;
  });
}

/**
 * Deletes a question and, with it, every answer given to it (files included): a key used again later must
 * not inherit old answers. Carries the version the organiser saw, like a save. A registration that loses an
 * answer gets a new version: a save from a form opened before (it still holds the answer) answers 409 instead
 * of writing the answer back. Registrations without an answer keep their version.
 */
export async function deleteFormField(ctx: StaffContext, event: EventRow, id: unknown, input: unknown): Promise<{ answersRemoved: number }> {
  if (!can(ctx.actor, "registrations.manage")) throw Forbidden();
  const { version } = parseInput(formFieldVersion, input);
  const existing = await getFormField(ctx, event, id);
  return ctx.db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(formFields)
      .where(and(eq(formFields.id, existing.id), eq(formFields.eventId, event.id), eq(formFields.version, version)))
      .returning();
    if (!deleted) throw Conflict("conflict.stale", { current: existing.version });
    const answered = and(eq(participants.eventId, event.id), sql`${participants.custom} -> ${deleted.key}::text is not null`);
    if (deleted.type === "file") {
      const answers = await tx
        .select({ id: sql<number>`(${participants.custom} ->> ${deleted.key}::text)::int` })
        .from(participants)
        .where(and(answered, sql`jsonb_typeof(${participants.custom} -> ${deleted.key}::text) = 'number'`));
      await fileStore.delete(tx, event.id, { ids: answers.map((a) => a.id), kinds: ["attachment"] });
    }
    const cleared = await tx
      .update(participants)
      .set({ custom: sql`${participants.custom} - ${deleted.key}::text`, version: sql`${participants.version} + 1`, updatedAt: ctx.now })
      .where(answered)
      .returning({ id: participants.id });
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "form_field",
      entityId: deleted.id,
      action: "delete",
      before: deleted,
      after: { answersRemoved: cleared.length },
    });
    return { answersRemoved: cleared.length };
  });
}

/** Moves a question one place up or down in the form. */
export async function moveFormField(ctx: StaffContext, event: EventRow, id: unknown, direction: "up" | "down"): Promise<void> {
  if (!can(ctx.actor, "registrations.manage")) throw Forbidden();
  const field = await getFormField(ctx, event, id);
  await ctx.db.transaction(async (tx) => {
    const order = await tx
      .select({ id: formFields.id, position: formFields.position })
      .from(formFields)
      .where(eq(formFields.eventId, event.id))
      .orderBy(asc(formFields.position), asc(formFields.id))
      .for("update");
    const at = order.findIndex((f) => f.id === field.id);
    const to = direction === "up" ? at - 1 : at + 1;
    if (at < 0 || to < 0 || to >= order.length) return;
    [order[at], order[to]] = [order[to], order[at]];
    // Positions become 0…n-1 in the new order; only rows whose position changes are written.
    for (const [position, row] of order.entries()) {
      if (row.position !== position)
        await tx
          .update(formFields)
          .set({ position })
          .where(and(eq(formFields.id, row.id), eq(formFields.eventId, event.id)));
    }
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "form_field",
      entityId: field.id,
      action: "update",
      before: { position: at },
      after: { position: to },
    });
  });
}
