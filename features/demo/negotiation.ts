// The demo's negotiation room, played through the same commands as the pages: the Declaration goes from its
// zero draft through Rev.1 and Rev.2 with amendments, a bracket and a statement, and is adopted in the closing
// plenary; the updated Joint Plan of Action is adopted at the end of a silence procedure. Both continue
// earlier documents of the same process. Times are those of the weeks before the conference.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { zonedToUtc } from "../../i18n/format.ts";
import type { Actor } from "../access/policy.ts";
import { users } from "../access/schema.ts";
import type { EventRow } from "../events/queries.ts";
import { events } from "../events/schema.ts";
import { addStatement } from "../negotiation/add-statement.ts";
import { adoptRevision } from "../negotiation/adopt-revision.ts";
import { addBracket, markParagraph, resolveBracket } from "../negotiation/bracket-paragraph.ts";
import { concludeSilence } from "../negotiation/conclude-silence.ts";
import { createDocument } from "../negotiation/create-document.ts";
import { decideAmendment, withdrawAmendment } from "../negotiation/decide-amendment.ts";
import { type DocumentRow, loadRevision, revisionSnapshot } from "../negotiation/documents.ts";
import { updateParagraph } from "../negotiation/edit-paragraph.ts";
import { foldAmendments } from "../negotiation/fold-amendments.ts";
import { issueRevision } from "../negotiation/issue-revision.ts";
import { linkEarlierDocument } from "../negotiation/lineage.ts";
import { openDraft } from "../negotiation/open-draft.ts";
import type { Proponent } from "../negotiation/proponent.ts";
import { negotiationDocuments } from "../negotiation/schema.ts";
import { startSilence } from "../negotiation/start-silence.ts";
import { submitAmendment } from "../negotiation/submit-amendment.ts";
import { delegations } from "../registration/schema.ts";
import type { JobQueue } from "../shared/jobs.ts";
import { demoSlug } from "./content.ts";
import { declaration, fictionalDelegations, jointPlan } from "./negotiation-texts.ts";

/** The silence below ended in 2022: the demo concludes it itself, so nothing needs to wait for its deadline. */
const alreadyPast: JobQueue = { send: async () => {} };

export async function seedDemoNegotiation(db: Db, organiserEmail: string): Promise<void> {
  const [event] = await db.select().from(events).where(eq(events.slug, demoSlug));
  if (!event) return;
  const [done] = await db.select({ id: negotiationDocuments.id }).from(negotiationDocuments).where(eq(negotiationDocuments.eventId, event.id)).limit(1);
  if (done) return;
  const [organiser] = await db.select({ id: users.id }).from(users).where(eq(users.email, organiserEmail));
  if (!organiser) return;
  const actor: Actor = { userId: organiser.id, isAdmin: false, role: "owner", sideEventIds: [] };
  const at = (local: string) => ({ db, actor, now: zonedToUtc(local, event.timezone)!, publicUrl: "" });
  const staff: Proponent = { by: "staff", actor };

  const ids: Record<string, number> = {};
  for (const d of fictionalDelegations) {
    const [row] = await db
      .insert(delegations)
      .values({
        eventId: event.id,
        kind: "state",
        country: null,
        name: d.name,
        quota: 3,
        deadline: zonedToUtc("2022-02-20T18:00", event.timezone)!,
        focalPointName: `${d.name.en}, focal point`,
        focalPointEmail: `delegation-${d.key.toLowerCase()}.focalpoint.demo@example.org`,
        focalPointLang: "en",
      })
      .returning({ id: delegations.id });
    ids[d.key] = row.id;
  }

  await negotiateDeclaration(event, at, staff, ids);
  await negotiateJointPlan(db, event, at, staff, ids);
}

type At = (local: string) => { db: Db; actor: Actor; now: Date; publicUrl: string };

/** An amendment to a span of a paragraph's English text, entered by the secretariat for a delegation. */
function span(text: string, words: string) {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`demo: "${words}" is not in "${text}"`);
  return { start, end: start + words.length, text: words };
}

async function negotiateDeclaration(event: EventRow, at: At, staff: Proponent, ids: Record<string, number>) {
  const { document, draft } = await createDocument(at("2022-02-07T10:00"), event, {
    symbol: declaration.symbol,
    title: declaration.title,
    negotiatingLanguage: "en",
    paragraphs: declaration.paragraphs.map(([kind, text]) => ({ kind, text })),
  });
  await issueRevision(at("2022-02-07T12:00"), event, document, draft, { version: draft.version });
  const zero = await snapshot(at, document, 0);
  const [op2, op3, op4, , lastOp] = zero.filter((p) => p.kind === "OP").slice(1);
  const en = (p: typeof op2) => p.text.en ?? "";

  const a1 = await submitAmendment(at("2022-02-10T09:30"), event, document, staff, {
    revision: 0,
    paragraphId: op2.paragraphId,
    kind: "replace",
    ...span(en(op2), "strengthen"),
    proposedText: "further strengthen",
    delegationId: ids.A,
  });
  const a2 = await submitAmendment(at("2022-02-10T11:15"), event, document, staff, {
    revision: 0,
    paragraphId: op3.paragraphId,
    kind: "insert",
    start: en(op3).indexOf(" in preventing"),
    end: en(op3).indexOf(" in preventing"),
    text: "",
    proposedText: " and local communities",
    delegationId: ids.B,
    cosponsors: [ids.C],
  });
  const a3 = await submitAmendment(at("2022-02-11T16:40"), event, document, staff, {
    revision: 0,
    paragraphId: op4.paragraphId,
    kind: "new_paragraph",
    afterParagraphId: op4.paragraphId,
    proposedText: declaration.returnees,
    delegationId: ids.C,
  });
  const a4 = await submitAmendment(at("2022-02-12T10:05"), event, document, staff, {
    revision: 0,
    paragraphId: lastOp.paragraphId,
    kind: "replace",
    ...span(en(lastOp), "at a high level"),
    proposedText: "at ministerial level",
    delegationId: ids.B,
  });
  await decideAmendment(at("2022-02-14T09:00"), event, a4, { state: "not_incorporated", version: a4.version });

  // Rev.1: three amendments folded in, the Russian text aligned, the date of the next meeting bracketed.
  let rev1 = await openDraft(at("2022-02-15T09:00"), event, document);
  rev1 = (await foldAmendments(at("2022-02-15T09:30"), event, document, rev1, { amendmentIds: [a1.id, a2.id, a3.id], version: rev1.version })).revision;
  const drafted = await snapshot(at, document, 1);
  const byEn = (words: string) => drafted.find((p) => p.text.en?.includes(words))!;
  for (const [words, ru] of [
    ["further strengthen", declaration.rev1Russian.strengthen],
    ["local communities", declaration.rev1Russian.communities],
    ["safe return", declaration.rev1Russian.returnees],
  ] as const) {
    const p = byEn(words);
    rev1 = (await updateParagraph(at("2022-02-15T11:00"), event, document, rev1, p.paragraphId, { text: { ...p.text, ru }, version: rev1.version })).revision;
  }
  const meet = byEn("meet again");
  rev1 = (
    await addBracket(at("2022-02-15T12:00"), event, document, rev1, meet.paragraphId, {
      ...span(meet.text.en ?? "", "at a high level"),
      alternatives: [
        { text: "at a high level in 2024", heldBy: [ids.A] },
        { text: "at a high level within three years", heldBy: [ids.C] },
      ],
      version: rev1.version,
    })
  ).revision;
  for (const p of drafted.filter((x) => x.paragraphId !== meet.paragraphId)) {
    rev1 = (await markParagraph(at("2022-02-15T12:30"), event, document, rev1, p.paragraphId, { status: "agreed_ad_ref", version: rev1.version })).revision;
  }
  rev1 = (await issueRevision(at("2022-02-21T10:00"), event, document, rev1, { version: rev1.version })).revision;

  const a5 = await submitAmendment(at("2022-02-23T14:20"), event, document, staff, {
    revision: 1,
    paragraphId: byEn("financing").paragraphId,
    kind: "delete",
    ...span(byEn("financing").text.en ?? "", ", including its links with organized crime"),
    proposedText: "",
    delegationId: ids.C,
  });
  await withdrawAmendment(at("2022-02-24T09:10"), event, a5, staff, a5.version);

  // Rev.2: the bracket resolved with its first alternative, every paragraph agreed.
  let rev2 = await openDraft(at("2022-02-28T09:00"), event, document);
  const bracketed = (await snapshot(at, document, 2)).find((p) => p.paragraphId === meet.paragraphId)!;
  rev2 = (
    await resolveBracket(at("2022-02-28T09:30"), event, document, rev2, meet.paragraphId, {
      bracketId: bracketed.brackets[0].id,
      alternative: 0,
      version: rev2.version,
    })
  ).revision;
  for (const p of await snapshot(at, document, 2)) {
    if (p.number !== null)
      rev2 = (await markParagraph(at("2022-02-28T10:00"), event, document, rev2, p.paragraphId, { status: "agreed", version: rev2.version })).revision;
  }
  const ruMeet = "договариваемся вновь встретиться на высоком уровне в 2024 году для обзора достигнутого прогресса.";
  rev2 = (
    await updateParagraph(at("2022-02-28T10:30"), event, document, rev2, meet.paragraphId, {
      text: { en: (await snapshot(at, document, 2)).find((p) => p.paragraphId === meet.paragraphId)!.text.en, ru: ruMeet },
      version: rev2.version,
    })
  ).revision;
  rev2 = (await issueRevision(at("2022-03-01T10:00"), event, document, rev2, { version: rev2.version })).revision;

  const adopted = await adoptRevision(at("2022-03-04T16:30"), event, document, rev2, {
    how: "consensus",
    body: { en: "Closing plenary of the conference", ru: "Заключительное пленарное заседание конференции", uz: "Konferensiyaning yakuniy yalpi majlisi" },
    version: rev2.version,
  });
  await addStatement(at("2022-03-04T16:45"), event, document, adopted, staff, {
    kind: "interpretative_statement",
    originalLanguage: "ru",
    text: declaration.statement,
    paragraphId: meet.paragraphId,
    delegationId: ids.B,
  });
  for (const earlier of declaration.lineage) await linkEarlierDocument(at("2022-03-05T10:00"), event, document, earlier);
}

async function negotiateJointPlan(db: Db, event: EventRow, at: At, staff: Proponent, ids: Record<string, number>) {
  const { document, draft } = await createDocument(at("2022-02-08T10:00"), event, {
    symbol: jointPlan.symbol,
    title: jointPlan.title,
    negotiatingLanguage: "en",
    paragraphs: jointPlan.paragraphs.map(([kind, text]) => ({ kind, text })),
  });
  await issueRevision(at("2022-02-08T12:00"), event, document, draft, { version: draft.version });
  const capacity = (await snapshot(at, document, 0)).find((p) => p.text.en?.startsWith("Build the capacity"))!;
  const amendment = await submitAmendment(at("2022-02-16T15:00"), event, document, staff, {
    revision: 0,
    paragraphId: capacity.paragraphId,
    kind: "replace",
    ...span(capacity.text.en ?? "", "the United Nations and the OSCE"),
    proposedText: "the United Nations, the OSCE and other partners",
    delegationId: ids.A,
  });
  let rev1 = await openDraft(at("2022-02-22T09:00"), event, document);
  rev1 = (await foldAmendments(at("2022-02-22T09:30"), event, document, rev1, { amendmentIds: [amendment.id], version: rev1.version })).revision;
  const folded = (await snapshot(at, document, 1)).find((p) => p.paragraphId === capacity.paragraphId)!;
  rev1 = (
    await updateParagraph(at("2022-02-22T10:00"), event, document, rev1, capacity.paragraphId, {
      text: { ...folded.text, ru: jointPlan.partnersRussian },
      version: rev1.version,
    })
  ).revision;
  for (const p of await snapshot(at, document, 1)) {
    if (p.number !== null)
      rev1 = (await markParagraph(at("2022-02-22T11:00"), event, document, rev1, p.paragraphId, { status: "agreed", version: rev1.version })).revision;
  }
  rev1 = (await issueRevision(at("2022-02-25T10:00"), event, document, rev1, { version: rev1.version })).revision;
  const silenced = await startSilence(at("2022-03-01T09:00"), alreadyPast, event, document, rev1, {
    until: "2022-03-03T18:00:00",
    body: {
      en: "Participating States, by silence procedure",
      ru: "Государства-участники, в порядке процедуры молчания",
      uz: "Ishtirokchi davlatlar, sukut tartibida",
    },
    version: rev1.version,
  });
  await concludeSilence(db, silenced.id, zonedToUtc("2022-03-03T18:00:01", event.timezone)!);
  for (const earlier of jointPlan.lineage) await linkEarlierDocument(at("2022-03-05T10:00"), event, document, earlier);
}

async function snapshot(at: At, document: DocumentRow, number: number) {
  const { db } = at("2022-01-01T00:00");
  return revisionSnapshot(db, await loadRevision(db, document, number));
}
