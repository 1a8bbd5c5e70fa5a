/**
 * The negotiation room as its tests need it: an event of the test's own with a facilitator, delegations
 * with a Head of Delegation each (through their personal links), and an outcome document issued as its zero
 * draft, all made through the app's commands.
 */
import type { Db } from "../db/index.ts";
import type { Actor } from "../features/access/policy.ts";
import type { EventRow } from "../features/events/queries.ts";
import { type DocumentRow, loadDocument, loadRevision } from "../features/negotiation/documents.ts";
import { issueRevision } from "../features/negotiation/issue-revision.ts";
import type { DelegateSeat, Proponent } from "../features/negotiation/proponent.ts";
import { revisionForReader } from "../features/negotiation/queries.ts";
import type { ParagraphKind } from "../features/negotiation/vocabulary.ts";
import { isAppError } from "../features/shared/errors.ts";
import { makeDelegate, makeDelegation, makeEvent, makeOutcomeDocument, makeUser } from "./factories.ts";

export const facilitator = (userId: number): Actor => ({ userId, isAdmin: false, role: "facilitator", sideEventIds: [] });
export const delegate = (seat: DelegateSeat): Proponent => ({ by: "delegate", seat });

export function negotiationRoom(db: () => Db) {
  const staffCtx = (actor: Actor, now = new Date()) => ({ db: db(), actor, now, publicUrl: "http://localhost" });
  const linkCtx = (now = new Date()) => ({ db: db(), now, publicUrl: "http://localhost", client: "test" });

  async function room(paragraphs: [ParagraphKind, string][], delegations = 2) {
    const { event, owner } = await makeEvent(db(), { languages: ["en", "ru"] });
    const actor = facilitator((await makeUser(db())).id);
    const seats: DelegateSeat[] = [];
    for (let i = 0; i < delegations; i++) seats.push((await makeDelegate(db(), event, owner.id, await makeDelegation(db(), event, owner.id))).seat);
    const { document, draft } = await makeOutcomeDocument(db(), event, owner.id, paragraphs);
    await issueRevision(staffCtx(actor), event, document, draft, { version: draft.version });
    return { event, owner, actor, seats, document: await loadDocument(db(), event.id, document.id) };
  }

  /** Issues the open draft as it stands. */
  async function issue(actor: Actor, event: EventRow, document: DocumentRow, number: number) {
    const draft = await loadRevision(db(), document, number);
    return (await issueRevision(staffCtx(actor), event, document, draft, { version: draft.version })).revision;
  }

  const snapshotOf = async (document: DocumentRow, number: number) => (await revisionForReader(db(), document, number, "staff")).paragraphs;
  const idOf = async (document: DocumentRow, number: number, label: string) =>
    (await snapshotOf(document, number)).find((p) => p.number === label)!.paragraphId;

  return { staffCtx, linkCtx, room, issue, snapshotOf, idOf };
}

/** The span of `words` in `text`, as an amendment names it. */
export const spanOf = (text: string, words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length, text: words });

/** The refusal a command answered with (status, code, fields); fails the test when it did not refuse. */
export async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { status: error.status, code: error.code, fields: error.fields };
    throw error;
  }
  throw new Error("expected a refusal");
}
