import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDelegate, makeDelegation } from "../../test/factories.ts";
import { delegate, negotiationRoom, refusal, spanOf } from "../../test/negotiation-room.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import type { Actor } from "../access/policy.ts";
import { auditLog } from "../access/schema.ts";
import { liveMessages } from "../live/schema.ts";
import { subAmendmentRedline } from "./amendment-view.ts";
import { addBracket, markParagraph } from "./bracket-paragraph.ts";
import { loadDocument, loadRevision } from "./documents.ts";
import { addParagraph, updateParagraph } from "./edit-paragraph.ts";
import { foldAmendments } from "./fold-amendments.ts";
import { issueRevision } from "./issue-revision.ts";
import { openDraft } from "./open-draft.ts";
import { amendmentsForReader, redlineForReader } from "./queries.ts";
import { splitParagraph } from "./split-paragraph.ts";
import { loadAmendment, submitAmendment } from "./submit-amendment.ts";

let app: TestServer;
const db = () => app.services.db;
beforeAll(async () => {
  app = await startTestServer({ demo: false });
});
afterAll(async () => {
  await app?.stop();
});

const { staffCtx, linkCtx, room, issue, snapshotOf, idOf } = negotiationRoom(db);

const op1 = "Calls upon all States to strengthen regional cooperation in the field of water management;";

describe("amendments folded into the next draft", () => {
  it("folds two delegations' amendments to overlapping words of the same OP, both, in order", async () => {
    const { event, actor, seats, document } = await room([
      ["PP", "Recalling its earlier resolutions,"],
      ["OP", op1],
    ]);
    const paragraphId = await idOf(document, 0, "OP1");
    const a = await submitAmendment(linkCtx(), event, document, delegate(seats[0]), {
      revision: 0,
      paragraphId,
      kind: "replace",
      ...spanOf(op1, "strengthen regional"),
      proposedText: "deepen regional and interregional",
    });
    const b = await submitAmendment(linkCtx(), event, document, delegate(seats[1]), {
      revision: 0,
      paragraphId,
      kind: "replace",
      ...spanOf(op1, "regional cooperation"),
      proposedText: "regional cooperation and dialogue",
      cosponsors: [seats[0].delegationId],
    });
    const listed = await amendmentsForReader(db(), document, "delegate");
    expect(listed.collisions).toEqual([[a.id, b.id]]);
    expect(listed.amendments.find((x) => x.id === b.id)!.cosponsors).toEqual([seats[0].delegationId]);

    const draft = await openDraft(staffCtx(actor), event, document);
    expect(draft.number).toBe(1);
    await foldAmendments(staffCtx(actor), event, document, draft, { amendmentIds: [a.id, b.id], version: draft.version });
    const rev1 = await issue(actor, event, document, 1);
    const text = (await snapshotOf(document, rev1.number)).find((p) => p.paragraphId === paragraphId)!.text.en;
    expect(text).toBe("Calls upon all States to deepen regional and interregional cooperation and dialogue in the field of water management;");
    for (const id of [a.id, b.id])
      expect(await loadAmendment(db(), event.id, document.id, id)).toMatchObject({ state: "incorporated", foldedIntoRevisionId: rev1.id });
    const redline = await redlineForReader(db(), document, 0, 1, "delegate");
    const added = redline.paragraphs.find((p) => p.paragraphId === paragraphId)!.languages.en.filter((c) => c.kind === "added");
    expect(added.map((c) => c.text).join("|")).toMatch(/deepen.*interregional.*dialogue/);
  });

  it("stops a fold that would rewrite words another amendment already changed, and writes nothing", async () => {
    const { event, actor, seats, document } = await room([["OP", op1]]);
    const paragraphId = await idOf(document, 0, "OP1");
    const proposals = ["deepen", "enhance"];
    const [a, b] = await Promise.all(
      proposals.map((proposedText, i) =>
        submitAmendment(linkCtx(), event, document, delegate(seats[i]), {
          revision: 0,
          paragraphId,
          kind: "replace",
          ...spanOf(op1, "strengthen"),
          proposedText,
        }),
      ),
    );
    const draft = await openDraft(staffCtx(actor), event, document);
    expect(await refusal(foldAmendments(staffCtx(actor), event, document, draft, { amendmentIds: [a.id, b.id], version: draft.version }))).toMatchObject({
      status: 409,
      code: "negotiation.fold_conflict",
    });
    expect((await snapshotOf(document, 1))[0].text.en).toBe(op1);
    expect((await loadAmendment(db(), event.id, document.id, a.id)).state).toBe("submitted");
  });
});

describe("anchors that survive new revisions", () => {
  it("keeps the amendment to PP3 of Rev.1 attached when it becomes PP4 in Rev.2", async () => {
    const { event, actor, seats, document } = await room([
      ["PP", "Recalling the Tashkent Declaration,"],
      ["PP", "Noting the report of the Secretary-General,"],
      ["PP", "Welcoming the progress made in regional cooperation,"],
      ["OP", op1],
    ]);
    await openDraft(staffCtx(actor), event, document);
    await issue(actor, event, document, 1);
    const pp3 = await idOf(document, 1, "PP3");
    const text = "Welcoming the progress made in regional cooperation,";
    const amendment = await submitAmendment(linkCtx(), event, document, delegate(seats[0]), {
      revision: 1,
      paragraphId: pp3,
      kind: "replace",
      ...spanOf(text, "progress made"),
      proposedText: "significant progress made",
    });
    const draft = await openDraft(staffCtx(actor), event, document);
    await addParagraph(staffCtx(actor), event, document, draft, {
      kind: "PP",
      text: { en: "Reaffirming its commitment to the 2030 Agenda," },
      afterParagraphId: await idOf(document, 2, "PP1"),
      version: draft.version,
    });
    const rev2 = await issue(actor, event, document, 2);
    const rev2Paragraphs = await snapshotOf(document, 2);
    expect(rev2Paragraphs.find((p) => p.paragraphId === pp3)!.number).toBe("PP4");
    const rebased = await loadAmendment(db(), event.id, document.id, amendment.id);
    expect(rebased).toMatchObject({ state: "submitted", anchorState: "current", anchorText: "progress made", paragraphId: pp3 });
    const { amendments } = await amendmentsForReader(db(), document, "delegate");
    expect(amendments.find((a) => a.id === amendment.id)!.anchorRevisionId).toBe(rev2.id);
    const row = (await redlineForReader(db(), document, 1, 2, "delegate")).concordance.find((r) => r.paragraphId === pp3);
    expect(row).toMatchObject({ oldNumber: "PP3", newNumber: "PP4", textChanged: false });
  });

  it("marks an amendment against text Rev.2 deleted as overtaken, and one whose words changed as to be reviewed; neither is dropped", async () => {
    const { event, actor, seats, document } = await room([
      ["OP", op1],
      ["OP", "Requests the secretariat to report to the next session;"],
    ]);
    const [first, second] = [await idOf(document, 0, "OP1"), await idOf(document, 0, "OP2")];
    const changed = await submitAmendment(linkCtx(), event, document, delegate(seats[0]), {
      revision: 0,
      paragraphId: first,
      kind: "delete",
      ...spanOf(op1, "in the field of water management"),
    });
    const deleted = await submitAmendment(linkCtx(), event, document, delegate(seats[1]), {
      revision: 0,
      paragraphId: second,
      kind: "insert",
      start: "Requests the secretariat".length,
      end: "Requests the secretariat".length,
      text: "",
      proposedText: ", within existing resources,",
    });
    const draft = await openDraft(staffCtx(actor), event, document);
    await updateParagraph(staffCtx(actor), event, document, draft, first, {
      text: { en: op1.replace("water management", "integrated water resources management") },
      version: draft.version,
    });
    await markParagraph(staffCtx(actor), event, document, draft, second, { status: "deleted", version: draft.version + 1 });
    await issue(actor, event, document, 1);
    expect(await loadAmendment(db(), event.id, document.id, changed.id)).toMatchObject({
      anchorState: "to_be_reviewed",
      originalText: "in the field of water management",
      anchorText: "in the field of integrated water resources management",
    });
    expect(await loadAmendment(db(), event.id, document.id, deleted.id)).toMatchObject({ anchorState: "overtaken", state: "submitted" });
    expect((await amendmentsForReader(db(), document, "staff")).amendments.map((a) => a.id)).toEqual([changed.id, deleted.id]);
    const redline = await redlineForReader(db(), document, 0, 1, "staff");
    expect(redline.concordance.find((r) => r.paragraphId === second)).toMatchObject({ oldNumber: "OP2", newNumber: null, change: "deleted" });
  });

  it("redlines an amendment to an amendment against both texts, and folds them together", async () => {
    const { event, actor, seats, document } = await room([["OP", op1]]);
    const paragraphId = await idOf(document, 0, "OP1");
    const parent = await submitAmendment(linkCtx(), event, document, delegate(seats[0]), {
      revision: 0,
      paragraphId,
      kind: "replace",
      ...spanOf(op1, "regional cooperation"),
      proposedText: "regional and subregional cooperation",
    });
    const sub = await submitAmendment(linkCtx(), event, document, delegate(seats[1]), {
      revision: 0,
      paragraphId,
      parentId: parent.id,
      kind: "replace",
      ...spanOf(parent.proposedText, "and subregional"),
      proposedText: "and, where appropriate, subregional",
    });
    expect(sub).toMatchObject({ parentId: parent.id, language: "en", anchorText: "and subregional" });
    const redline = subAmendmentRedline(op1, parent, sub);
    expect(
      redline.againstAmendment
        .filter((c) => c.kind === "added")
        .map((c) => c.text)
        .join(""),
    ).toContain("where appropriate");
    expect(
      redline.againstText
        .filter((c) => c.kind === "added")
        .map((c) => c.text)
        .join(""),
    ).toContain("and, where appropriate, subregional");
    const draft = await openDraft(staffCtx(actor), event, document);
    expect(await refusal(foldAmendments(staffCtx(actor), event, document, draft, { amendmentIds: [sub.id], version: draft.version }))).toMatchObject({
      code: "negotiation.fold_without_parent",
    });
    await foldAmendments(staffCtx(actor), event, document, draft, { amendmentIds: [parent.id, sub.id], version: draft.version });
    expect((await snapshotOf(document, 1))[0].text.en).toBe(redline.result);
  });
});

describe("brackets", () => {
  it("returns an agreed ad ref paragraph to bracketed when a bracket is added, and audits the reopening", async () => {
    const { event, actor, seats, document } = await room([["OP", op1]]);
    const paragraphId = await idOf(document, 0, "OP1");
    const draft = await openDraft(staffCtx(actor), event, document);
    await markParagraph(staffCtx(actor), event, document, draft, paragraphId, { status: "agreed_ad_ref", version: draft.version });
    const result = await addBracket(staffCtx(actor), event, document, draft, paragraphId, {
      ...spanOf(op1, "strengthen"),
      alternatives: [
        { text: "strengthen", heldBy: [seats[0].delegationId] },
        { text: "promote", heldBy: [seats[1].delegationId] },
      ],
      version: draft.version + 1,
    });
    expect(result.reopened).toBe(true);
    expect(result.paragraph.status).toBe("bracketed");
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.eventId, event.id), eq(auditLog.entity, "negotiation_paragraph"), eq(auditLog.action, "reopen")));
    expect(entry).toMatchObject({ actorId: actor.userId, entityId: String(paragraphId), before: { status: "agreed_ad_ref" }, after: { status: "bracketed" } });
    // The issued zero draft did not change: snapshots are immutable.
    expect((await snapshotOf(document, 0))[0]).toMatchObject({ status: "bracketed", brackets: [] });
    expect(await refusal(markParagraph(staffCtx(actor), event, document, draft, paragraphId, { status: "agreed", version: draft.version + 2 }))).toMatchObject({
      status: 422,
      fields: { status: "negotiation.brackets_remain" },
    });
  });
});

describe("splitting", () => {
  it("splits OP5 into OP5 and OP5 bis, keeps its amendment on OP5, and redlines the rest untouched", async () => {
    const ops = Array.from({ length: 6 }, (_, i) => ["OP", `Operative paragraph ${i + 1} on water and energy;`] as ["OP", string]);
    const { event, actor, seats, document } = await room(ops);
    const op5 = await idOf(document, 0, "OP5");
    const pending = await submitAmendment(linkCtx(), event, document, delegate(seats[0]), {
      revision: 0,
      paragraphId: op5,
      kind: "replace",
      ...spanOf("Operative paragraph 5 on water and energy;", "water"),
      proposedText: "freshwater",
    });
    const draft = await openDraft(staffCtx(actor), event, document);
    const { part } = await splitParagraph(staffCtx(actor), event, document, draft, op5, {
      keep: { en: "Operative paragraph 5 on water;" },
      split: { en: "Operative paragraph 5 on energy;" },
      version: draft.version,
    });
    await issue(actor, event, document, 1);
    const numbers = (await snapshotOf(document, 1)).map((p) => p.number);
    expect(numbers).toEqual(["OP1", "OP2", "OP3", "OP4", "OP5", "OP5 bis", "OP6"]);
    const { concordance } = await redlineForReader(db(), document, 0, 1, "staff");
    expect(concordance.map((r) => [r.oldNumber, r.newNumber, r.change])).toEqual([
      ["OP1", "OP1", "unchanged"],
      ["OP2", "OP2", "unchanged"],
      ["OP3", "OP3", "unchanged"],
      ["OP4", "OP4", "unchanged"],
      ["OP5", "OP5", "unchanged"],
      [null, "OP5 bis", "split"],
      ["OP6", "OP6", "unchanged"],
    ]);
    expect(concordance.find((r) => r.paragraphId === part.paragraphId)!.relatedParagraphId).toBe(op5);
    expect(await loadAmendment(db(), event.id, document.id, pending.id)).toMatchObject({ paragraphId: op5, anchorState: "current", anchorText: "water" });
  });
});

describe("many delegations at once", () => {
  it("keeps every one of 20 amendments submitted concurrently, with its own time and live message", async () => {
    const { event, seats, document } = await room([["OP", op1]], 20);
    const paragraphId = await idOf(document, 0, "OP1");
    const before = (await db().select().from(liveMessages).where(eq(liveMessages.eventId, event.id))).length;
    const submitted = await Promise.all(
      seats.map((seat, i) =>
        submitAmendment(linkCtx(), event, document, delegate(seat), {
          revision: 0,
          paragraphId,
          kind: "replace",
          ...spanOf(op1, "regional cooperation"),
          proposedText: `regional cooperation, as proposed by delegation ${i + 1},`,
        }),
      ),
    );
    const { amendments, collisions } = await amendmentsForReader(db(), document, "staff");
    expect(amendments).toHaveLength(20);
    expect(new Set(amendments.map((a) => a.delegationId)).size).toBe(20);
    expect(new Set(amendments.map((a) => a.proposedText)).size).toBe(20);
    expect(collisions).toHaveLength((20 * 19) / 2);
    expect(submitted.every((a) => a.receivedAt instanceof Date)).toBe(true);
    const messages = await db().select().from(liveMessages).where(eq(liveMessages.eventId, event.id));
    expect(messages.length - before).toBe(20);
    expect(messages.every((m) => m.topic === `drafting:${document.id}`)).toBe(true);
  });
});

describe("refusals", () => {
  it("answers a wrong span, a stale revision, another event's paragraph and an observer with 4xx, never a 500", async () => {
    const { event, owner, actor, seats, document } = await room([["OP", op1]]);
    const other = await room([["OP", op1]]);
    const paragraphId = await idOf(document, 0, "OP1");
    const base = { revision: 0, paragraphId, kind: "replace", ...spanOf(op1, "strengthen"), proposedText: "deepen" };
    const submit = (input: object, seat = seats[0]) => submitAmendment(linkCtx(), event, document, delegate(seat), input);
    expect(await refusal(submit({ ...base, text: "strengthens" }))).toMatchObject({ status: 422, fields: { text: "negotiation.span_mismatch" } });
    expect(await refusal(submit({ ...base, end: 10_000 }))).toMatchObject({ status: 422, fields: { start: "negotiation.span_invalid" } });
    expect(await refusal(submit({ ...base, revision: 3 }))).toMatchObject({ status: 409, code: "negotiation.revision_superseded" });
    expect(await refusal(submit({ ...base, paragraphId: await idOf(other.document, 0, "OP1") }))).toMatchObject({
      status: 404,
      code: "negotiation.paragraph_not_found",
    });
    expect(await refusal(submit({ ...base, language: "fr" }))).toMatchObject({ status: 422 });
    expect(await refusal(submit({ ...base, cosponsors: [other.seats[0].delegationId] }))).toMatchObject({
      status: 422,
      fields: { cosponsors: "negotiation.delegation_unknown" },
    });
    const observer = (await makeDelegate(db(), event, owner.id, await makeDelegation(db(), event, owner.id), "observer")).seat;
    expect(observer.standing).toBe("observer");
    expect(await refusal(submit(base, observer))).toMatchObject({ status: 403, code: "negotiation.not_a_delegate" });
    expect(await refusal(loadDocument(db(), event.id, other.document.id))).toMatchObject({ status: 404 });
    // An issued revision is frozen.
    const zero = await loadRevision(db(), document, 0);
    expect(await refusal(updateParagraph(staffCtx(actor), event, document, zero, paragraphId, { text: { en: "x" }, version: zero.version }))).toMatchObject({
      status: 409,
      code: "negotiation.revision_frozen",
    });
    // A stale draft version.
    const draft = await openDraft(staffCtx(actor), event, document);
    expect(
      await refusal(updateParagraph(staffCtx(actor), event, document, draft, paragraphId, { text: { en: "x" }, version: draft.version + 5 })),
    ).toMatchObject({
      status: 409,
      code: "conflict.stale",
    });
    expect(await refusal(openDraft(staffCtx(actor), event, document))).toMatchObject({ status: 409, code: "negotiation.draft_open" });
    // A viewer reads but does not draft.
    const viewer: Actor = { userId: actor.userId, isAdmin: false, role: "viewer", sideEventIds: [] };
    expect(await refusal(issueRevision(staffCtx(viewer), event, document, draft, { version: draft.version }))).toMatchObject({ status: 403 });
  });
});
