import type { DbOrTx } from "../../db/index.ts";
import { utcToZonedInput } from "../../i18n/format.ts";
import type { EventRow } from "../events/queries.ts";
import { type EditConflict, type FieldValues, mergeEdits } from "../shared/merge.ts";
import { sessionParticipation } from "./queries.ts";
import type { SessionRow } from "./save-session.ts";

/**
 * The session form as flat fields (see features/shared/merge.ts), for the comparison a lost edit race shows.
 * People are `personId:role` in their order; interpretation languages sorted.
 */
const str = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());

export function sessionInputFields(event: Pick<EventRow, "languages">, input: Record<string, unknown>): FieldValues {
  const flat: FieldValues = {
    kind: str(input.kind),
    start: str(input.start),
    end: str(input.end),
    roomId: str(input.roomId),
    trackId: str(input.trackId),
    organiserId: str(input.organiserId),
    workingLanguage: str(input.workingLanguage),
    interpretation: [...new Set(((input.interpretation as unknown[]) ?? []).map(str).filter(Boolean))].sort().join(","),
    people: ((input.people as { personId?: unknown; role?: unknown }[]) ?? [])
      .filter((p) => str(p.personId))
      .map((p) => `${str(p.personId)}:${str(p.role)}`)
      .join(","),
  };
  for (const name of ["title", "description"]) {
    const value = (input[name] ?? {}) as Record<string, unknown>;
    for (const lang of event.languages) flat[`${name}.${lang}`] = str(value[lang]);
  }
  return flat;
}

/** Flat fields back into what `saveSession` takes. */
export function sessionFieldsToInput(event: Pick<EventRow, "languages">, flat: FieldValues): Record<string, unknown> {
  const localized = (name: string) => Object.fromEntries(event.languages.map((l) => [l, flat[`${name}.${l}`] ?? ""]));
  return {
    kind: flat.kind,
    title: localized("title"),
    description: localized("description"),
    start: flat.start,
    end: flat.end,
    roomId: flat.roomId,
    trackId: flat.trackId,
    organiserId: flat.organiserId,
    workingLanguage: flat.workingLanguage,
    interpretation: flat.interpretation ? flat.interpretation.split(",") : [],
    people: peopleOf(flat.people),
  };
}

export function peopleOf(value: string | undefined): { personId: string; role: string }[] {
  return (value ?? "")
    .split(",")
    .filter(Boolean)
    .map((pair) => {
      const [personId, role] = pair.split(":");
      return { personId, role };
    });
}

/** A saved session as its form shows it. */
export function sessionRowFields(event: EventRow, session: SessionRow, people: { personId: number; role: string }[]): FieldValues {
  return sessionInputFields(event, {
    ...session,
    start: utcToZonedInput(new Date(session.startsAt), event.timezone),
    end: utcToZonedInput(new Date(session.endsAt), event.timezone),
    people,
  });
}

async function savedSessionFields(db: DbOrTx, event: EventRow, session: SessionRow): Promise<FieldValues> {
  return sessionRowFields(event, session, await sessionParticipation(db, session.id));
}

/**
 * After a save was refused as stale: what the other person changed since `base`, what the person changed,
 * and the form merged from both, to be saved against the latest version.
 */
export async function sessionConflict(
  db: DbOrTx,
  event: EventRow,
  current: SessionRow,
  input: Record<string, unknown>,
  base: FieldValues | null,
): Promise<EditConflict> {
  const theirs = await savedSessionFields(db, event, current);
  return mergeEdits(base, sessionInputFields(event, input), theirs, current.version);
}

/** The fields the person chose to keep as saved now replace theirs in the input. */
export async function keepSaved(db: DbOrTx, event: EventRow, current: SessionRow, input: Record<string, unknown>, fields: string[]) {
  if (fields.length === 0) return input;
  const saved = await savedSessionFields(db, event, current);
  const flat = sessionInputFields(event, input);
  for (const field of fields) if (field in saved) flat[field] = saved[field];
  return { ...input, ...sessionFieldsToInput(event, flat) };
}
