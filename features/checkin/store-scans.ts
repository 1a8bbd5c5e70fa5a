import type { Pipeline } from "../../db/pipeline.ts";
import { dayInZone } from "../badges/code.ts";
import type { RosterState } from "./decide.ts";
import { type AdmittedScan, derivePresence } from "./derive-presence.ts";
import type { CheckinListKind, Direction, RefusalReason, ScanResult } from "./vocabulary.ts";

/**
 * The statements of one commit of scans (record-scans.ts), for one event, in the transaction's order:
 *
 * 1. `lockAndRead`: take the presence rows of the people the admitted scans name (in id order) and read
 *    the roster's word on everyone named. Commits about the same people, on any instance, wait here for
 *    each other, so each derives from the other's scans.
 * 2. `insertScans`: store the new scans (a nonce already stored is skipped, and so is a scan of a kiosk
 *    withdrawn meanwhile: kiosk sessions are kept per instance) and read, in the same statement, every
 *    admitted scan of the people locked: its snapshot is taken after the locks were granted.
 * 3. `writeDerived`: their presence, repeated entries and the lists and days they were let in at, derived
 *    again in JavaScript, in one statement.
 *
 * Each is one prepared statement of fixed text on a pipeline (db/pipeline.ts), its rows and ids as JSON
 * and arrays: parsed and planned once per connection (a generic plan, made without seeing the
 * parameters), with no round trip of their own for BEGIN and COMMIT. So that no plan, made while a table
 * was small or its statistics stale (the doors opening), reads every row of the event later, every table
 * of the event's size is reached row by row through a key: per person (a `lateral` subquery, kept one by
 * `offset 0`, by the index on the person), per scan (a subquery by primary key), or by upsert (its unique
 * index). The tables are checkin/schema.ts's.
 */

export interface DoorStates {
  roster: Map<number, RosterState>;
  /** Revoked versions, as "participant:version". */
  revoked: Set<string>;
}

const lockAndReadSql = `
  with locked as (
    insert into checkin_presence (event_id, participant_id, in_venue, updated_at)
    select $1, id, false, $4 from unnest($2::int[]) as l(id) order by id
    on conflict (event_id, participant_id) do update set updated_at = excluded.updated_at where false
  )
  select u.id, x.category_id, x.status, x.version, x.withdrawn,
    array(select r.version from badge_revocations r where r.event_id = $1 and r.participant_id = u.id) as revoked
  from unnest($3::int[]) as u(id)
  left join lateral (
    select p.category_id, p.status, b.version, b.revoked_at is not null as withdrawn
    from badges b join participants p on p.id = b.participant_id
    where b.participant_id = u.id and b.event_id = $1
    offset 0
  ) x on true`;

/**
 * A data-modifying WITH runs once, to its end, whether or not the query reads it: `locked` takes the rows.
 * `do update … where false` locks a row that exists without writing a new version of it (PostgreSQL's
 * INSERT: rows the condition leaves alone are still locked); `writeDerived` writes it once, later.
 */
export async function lockAndRead(p: Pipeline, eventId: number, lock: readonly number[], read: readonly number[], now: Date): Promise<DoorStates> {
  const states: DoorStates = { roster: new Map(), revoked: new Set() };
  if (read.length === 0) return states;
  type Row = { id: number; category_id: number | null; status: string | null; version: number | null; withdrawn: boolean; revoked: number[] };
  for (const r of await p.query<Row>("checkin_lock_read", lockAndReadSql, [eventId, lock, read, now])) {
    if (r.version !== null && r.category_id !== null) {
      states.roster.set(r.id, { version: r.version, categoryId: r.category_id, active: r.status === "approved" && !r.withdrawn });
    }
    for (const version of r.revoked) states.revoked.add(`${r.id}:${version}`);
  }
  return states;
}

export interface NewScan {
  nonce: string;
  kioskId: number;
  listId: number;
  code: string;
  participantId: number | null;
  badgeVersion: number | null;
  shown: ScanResult;
  shownReason: RefusalReason | null;
  overrideReason: string | null;
  verdict: "accepted" | "refused";
  verdictReason: RefusalReason | null;
  scannedAt: Date;
  kioskClock: Date;
  clockOffsetMs: number;
  receivedAt: Date;
}

export interface StoredAdmitted extends AdmittedScan {
  participantId: number;
  listId: number;
  /** What `checkin_scan_outcomes` holds for it: undefined for no row, else the entry it was last found to repeat. */
  storedRepeat: number | null | undefined;
  /** Stored by this commit. */
  fresh: boolean;
}

const insertSql = `
  with added as (
    insert into checkin_scans (event_id, nonce, kiosk_id, list_id, code, participant_id, badge_version, shown, shown_reason, override_reason,
      verdict, verdict_reason, scanned_at, kiosk_clock, clock_offset_ms, received_at)
    select $1, nonce, kiosk_id, list_id, code, participant_id, badge_version, shown, shown_reason, override_reason,
      verdict, verdict_reason, scanned_at, kiosk_clock, clock_offset_ms, received_at
    from rows from (jsonb_to_recordset($2::jsonb) as (nonce uuid, kiosk_id int, list_id int, code text, participant_id int,
      badge_version int, shown text, shown_reason text, override_reason text, verdict text, verdict_reason text,
      scanned_at timestamptz, kiosk_clock timestamptz, clock_offset_ms int, received_at timestamptz)) with ordinality as r
    where not exists (select from kiosks k where k.id = r.kiosk_id and k.revoked_at is not null)
    order by r.ordinality
    on conflict (event_id, nonce) do nothing
    returning id, nonce, participant_id, list_id, scanned_at, shown
  )
  select true as new, a.id, a.nonce::text as nonce, a.participant_id, a.list_id, a.scanned_at, a.shown, l.kind, l.direction, l.room_id,
    null::bigint as outcome
  from added a join checkin_lists l on l.id = a.list_id
  union all
  select false, s.id, null, s.participant_id, s.list_id, s.scanned_at, s.shown, l.kind, l.direction, l.room_id,
    (select coalesce(o.duplicate_of, 0) from checkin_scan_outcomes o where o.scan_id = s.id)
  from unnest($3::int[]) as u(id)
  cross join lateral (
    select * from checkin_scans s where s.event_id = $1 and s.participant_id = u.id and s.shown in ('accepted', 'overridden')
    offset 0
  ) s
  join checkin_lists l on l.id = s.list_id`;

/**
 * Stores the scans (in the order given), but none of a withdrawn kiosk; returns the ids of those that
 * were new, by nonce, and every admitted scan of `people`.
 */
export async function insertScans(
  p: Pipeline,
  eventId: number,
  rows: readonly NewScan[],
  people: readonly number[],
): Promise<{ inserted: Map<string, number>; admitted: StoredAdmitted[] }> {
  const json = JSON.stringify(
    rows.map((r) => ({
      nonce: r.nonce,
      kiosk_id: r.kioskId,
      list_id: r.listId,
      code: r.code,
      participant_id: r.participantId,
      badge_version: r.badgeVersion,
      shown: r.shown,
      shown_reason: r.shownReason,
      override_reason: r.overrideReason,
      verdict: r.verdict,
      verdict_reason: r.verdictReason,
      scanned_at: r.scannedAt.toISOString(),
      kiosk_clock: r.kioskClock.toISOString(),
      clock_offset_ms: r.clockOffsetMs,
      received_at: r.receivedAt.toISOString(),
    })),
  );
  type Row = {
    new: boolean;
    id: number | string;
    nonce: string | null;
    participant_id: number | null;
    list_id: number;
    scanned_at: Date | string;
    shown: ScanResult;
    kind: CheckinListKind;
    direction: Direction;
    room_id: number | null;
    /** The scan's row in `checkin_scan_outcomes`: null for none, 0 for one that repeats nothing, else the entry it repeats. */
    outcome: number | string | null;
  };
  const inserted = new Map<string, number>();
  const admitted: StoredAdmitted[] = [];
  const wanted = new Set(people);
  for (const r of await p.query<Row>("checkin_insert_scans", insertSql, [eventId, json, people])) {
    const id = Number(r.id);
    if (r.new) inserted.set(r.nonce!, id);
    if (r.participant_id === null || r.shown === "refused" || !wanted.has(r.participant_id)) continue;
    admitted.push({
      id,
      participantId: r.participant_id,
      listId: r.list_id,
      scannedAt: new Date(r.scanned_at),
      kind: r.kind,
      direction: r.direction,
      roomId: r.room_id,
      storedRepeat: r.outcome === null ? undefined : Number(r.outcome) || null,
      fresh: r.new,
    });
  }
  return { inserted, admitted };
}

/** A day number (days since 1970-01-01) as PostgreSQL's date. */
const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

export type Repeat = { scanId: number; listId: number; at: string } | null;

const writeDerivedSql = `
  with gone as (
    delete from checkin_scan_outcomes where scan_id = any($2::bigint[])
  ), kept as (
    insert into checkin_scan_outcomes (scan_id, event_id, participant_id, duplicate_of, list_id, scanned_at)
    select scan_id, $1, participant_id, duplicate_of, list_id, scanned_at
    from jsonb_to_recordset($3::jsonb) as r(scan_id bigint, participant_id int, duplicate_of bigint, list_id int, scanned_at timestamptz)
    on conflict (scan_id) do update set duplicate_of = excluded.duplicate_of, participant_id = excluded.participant_id
  ), let_in as (
    select participant_id, list_id, day from jsonb_to_recordset($7::jsonb) as w(participant_id int, list_id int, day date)
  ), left_out as (
    delete from checkin_list_people p where p.event_id = $1 and p.participant_id = any($6::int[])
      and not exists (select from let_in w where w.participant_id = p.participant_id and w.list_id = p.list_id and w.day = p.day)
  ), joined as (
    insert into checkin_list_people (event_id, participant_id, list_id, day)
    select $1, participant_id, list_id, day from let_in
    on conflict do nothing
  )
  insert into checkin_presence (event_id, participant_id, in_venue, room_id, last_scan_id, updated_at)
  select $1, participant_id, in_venue, room_id, last_scan_id, $5
  from jsonb_to_recordset($4::jsonb) as d(participant_id int, in_venue boolean, room_id int, last_scan_id bigint)
  on conflict (event_id, participant_id) do update
  set in_venue = excluded.in_venue, room_id = excluded.room_id, last_scan_id = excluded.last_scan_id, updated_at = excluded.updated_at`;

/**
 * Derives these people's presence and repeated entries again from all their admitted scans (never
 * patched) and queues the one statement that writes them: presence is set; of the repeats, only what
 * changed against what `insertScans` read is written (a row for a new repeat, or one whose first entry
 * changed; a row deleted for a scan that no longer repeats one), so a commit writes about as many rows as it
 * has scans, however many scans the people had before. Only repeats get a row in `checkin_scan_outcomes`.
 * Who was let in per list and day (`checkin_list_people`) changes the same way: a scan that counts and did
 * not before adds its list and day; a scan that counted and now repeats one (a late upload of an earlier
 * entry) may take its list and day away, so that person's are written whole.
 * Returns, for each admitted scan of these people, the entry it repeats, if any, and the statement queued
 * (null when nobody was concerned).
 */
export function writeDerived(
  p: Pipeline,
  eventId: number,
  timeZone: string,
  people: readonly number[],
  admitted: readonly StoredAdmitted[],
  now: Date,
): { repeats: Map<number, Repeat>; written: Promise<unknown> | null } {
  const repeats = new Map<number, Repeat>();
  if (people.length === 0) return { repeats, written: null };
  const byId = new Map(admitted.map((s) => [s.id, s]));
  const byPerson = new Map<number, StoredAdmitted[]>(people.map((id) => [id, []]));
  for (const s of admitted) byPerson.get(s.participantId)?.push(s);
  const outcomes: { scan_id: number; participant_id: number; duplicate_of: number; list_id: number; scanned_at: string }[] = [];
  const gone: number[] = [];
  const letIn: { participant_id: number; list_id: number; day: string }[] = [];
  const rewritten: number[] = [];
  const states: { participant_id: number; in_venue: boolean; room_id: number | null; last_scan_id: number | null }[] = [];
  for (const [participantId, mine] of byPerson) {
    const derived = derivePresence(mine, timeZone);
    // Their lists and days: all of them when a scan that counted now repeats one, else those a scan adds.
    let whole = false;
    const days = new Map<string, { list_id: number; day: string; added: boolean }>();
    for (const [scanId, duplicateOf] of derived.duplicateOf) {
      const first = duplicateOf === null ? undefined : byId.get(duplicateOf);
      repeats.set(scanId, first ? { scanId: first.id, listId: first.listId, at: first.scannedAt.toISOString() } : null);
      const scan = byId.get(scanId)!;
      const stored = scan.storedRepeat;
      if (duplicateOf === null) {
        if (stored !== undefined) gone.push(scanId);
        const day = isoDay(dayInZone(scan.scannedAt, timeZone));
        const key = `${scan.listId}:${day}`;
        const added = scan.fresh || stored !== undefined;
        const known = days.get(key);
        if (!known) days.set(key, { list_id: scan.listId, day, added });
        else known.added ||= added;
      } else {
        if (stored !== duplicateOf) {
          outcomes.push({
            scan_id: scanId,
            participant_id: participantId,
            duplicate_of: duplicateOf,
            list_id: scan.listId,
            scanned_at: scan.scannedAt.toISOString(),
          });
        }
        if (!scan.fresh && stored === undefined) whole = true;
      }
    }
    if (whole) rewritten.push(participantId);
    for (const d of days.values()) if (whole || d.added) letIn.push({ participant_id: participantId, list_id: d.list_id, day: d.day });
    states.push({ participant_id: participantId, in_venue: derived.inVenue, room_id: derived.roomId, last_scan_id: derived.lastScanId });
  }
  const written = p.query("checkin_write_derived", writeDerivedSql, [
    eventId,
    gone,
    JSON.stringify(outcomes),
    JSON.stringify(states),
    now,
    rewritten,
    JSON.stringify(letIn),
  ]);
  return { repeats, written };
}

export interface StoredReceipt {
  verdict: "accepted" | "refused";
  reason: RefusalReason | null;
  duplicateOf: Repeat;
}

const receiptsSql = `
  select s.nonce::text as nonce, s.verdict, s.verdict_reason, f.id as first_id, f.list_id as first_list, f.scanned_at as first_at
  from checkin_scans s
  left join checkin_scan_outcomes o on o.scan_id = s.id
  left join checkin_scans f on f.id = o.duplicate_of
  where s.event_id = $1 and s.nonce = any($2::uuid[])`;

/** What is stored for scans sent before (retries), by nonce. */
export async function storedReceipts(p: Pipeline, eventId: number, nonces: readonly string[]): Promise<Map<string, StoredReceipt>> {
  const out = new Map<string, StoredReceipt>();
  if (nonces.length === 0) return out;
  type Row = {
    nonce: string;
    verdict: "accepted" | "refused";
    verdict_reason: RefusalReason | null;
    first_id: number | string | null;
    first_list: number | null;
    first_at: Date | string | null;
  };
  for (const r of await p.query<Row>("checkin_stored_receipts", receiptsSql, [eventId, nonces])) {
    out.set(r.nonce, {
      verdict: r.verdict,
      reason: r.verdict_reason,
      duplicateOf:
        r.first_id === null || r.first_list === null || r.first_at === null
          ? null
          : { scanId: Number(r.first_id), listId: r.first_list, at: new Date(r.first_at).toISOString() },
    });
  }
  return out;
}
