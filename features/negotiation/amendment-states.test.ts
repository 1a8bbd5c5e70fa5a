import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDelegate, makeDelegation } from "../../test/factories.ts";
import { delegate, negotiationRoom, refusal, spanOf } from "../../test/negotiation-room.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { liveMessages } from "../live/schema.ts";
import { cosponsorAmendment, decideAmendment, withdrawAmendment } from "./decide-amendment.ts";
import { loadRevision } from "./documents.ts";
import { foldAmendments } from "./fold-amendments.ts";
import { issueRevision } from "./issue-revision.ts";
import { openDraft } from "./open-draft.ts";
import { amendmentsForReader, redlineForReader } from "./queries.ts";
import { mergeParagraphs } from "./split-paragraph.ts";
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
const op1 = "Encourages Member States to share data on water quality;";

describe("an amendment's life", () => {
  it("is co-sponsored, set aside or withdrawn only by those entitled, and a closed one never folds", async () => {
    const { event, owner, actor, seats, document } = await room([["OP", op1]], 3);
    const paragraphId = await idOf(document, 0, "OP1");
    const proposal = { revision: 0, paragraphId, kind: "replace", ...spanOf(op1, "share data"), proposedText: "exchange data and good practices" };
    const a = await submitAmendment(linkCtx(), event, document, delegate(seats[0]), proposal);
    const b = await submitAmendment(linkCtx(), event, document, delegate(seats[1]), {
      ...proposal,
      ...spanOf(op1, "water quality"),
      proposedText: "water quality and quantity",
    });

    await cosponsorAmendment(linkCtx(), event, a, delegate(seats[2]));
    await cosponsorAmendment(linkCtx(), event, a, delegate(seats[2]));
    const observer = (await makeDelegate(db(), event, owner.id, await makeDelegation(db(), event, owner.id), "observer")).seat;
    expect(await refusal(cosponsorAmendment(linkCtx(), event, a, delegate(observer)))).toMatchObject({ status: 403 });
    expect((await amendmentsForReader(db(), document, "delegate")).amendments.find((x) => x.id === a.id)!.cosponsors).toEqual([seats[2].delegationId]);

    expect(await refusal(withdrawAmendment(linkCtx(), event, a, delegate(seats[1]), a.version))).toMatchObject({ status: 403 });
    const withdrawn = await withdrawAmendment(linkCtx(), event, a, delegate(seats[0]), a.version);
    expect(withdrawn.state).toBe("withdrawn");
    expect(await refusal(withdrawAmendment(linkCtx(), event, withdrawn, delegate(seats[0]), withdrawn.version))).toMatchObject({ status: 409 });

    const considered = await decideAmendment(staffCtx(actor), event, b, { state: "under_consideration", version: b.version });
    const setAside = await decideAmendment(staffCtx(actor), event, considered, { state: "not_incorporated", version: considered.version });
    expect(setAside.state).toBe("not_incorporated");

    const draft = await openDraft(staffCtx(actor), event, document);
    for (const id of [a.id, b.id]) {
      expect(await refusal(foldAmendments(staffCtx(actor), event, document, draft, { amendmentIds: [id], version: draft.version }))).toMatchObject({
        status: 409,
        code: "negotiation.amendment_closed",
      });
    }
  });

  it("folds a new paragraph and a move, renumbers around them, and keeps the Russian text marked a revision behind", async () => {
    const { event, actor, seats, document } = await room([
      ["PP", "Recalling its resolution 1/1,"],
      ["PP", "Noting with concern the state of the Aral Sea,"],
      ["OP", op1],
    ]);
    const [pp2, op] = [await idOf(document, 0, "PP2"), await idOf(document, 0, "OP1")];
    const added = await submitAmendment(linkCtx(), event, document, delegate(seats[0]), {
      revision: 0,
      paragraphId: op,
      kind: "new_paragraph",
      newParagraphKind: "OP",
      proposedText: "Requests the secretariat to report at the next session;",
    });
    const moved = await submitAmendment(linkCtx(), event, document, delegate(seats[1]), {
      revision: 0,
      paragraphId: pp2,
      kind: "move",
      afterParagraphId: null,
    });
    const draft = await openDraft(staffCtx(actor), event, document);
    await foldAmendments(staffCtx(actor), event, document, draft, { amendmentIds: [added.id, moved.id], version: draft.version });
    const rev1 = await issue(actor, event, document, 1);
    expect((await snapshotOf(document, 1)).map((p) => [p.number, p.text.en.split(" ")[0]])).toEqual([
      ["PP1", "Noting"],
      ["PP2", "Recalling"],
      ["OP1", "Encourages"],
      ["OP2", "Requests"],
    ]);
    expect(rev1.aligned).toEqual({ en: 1, ru: 0 });
    const concordance = (await redlineForReader(db(), document, 0, 1, "staff")).concordance;
    expect(concordance.find((r) => r.paragraphId === pp2)).toMatchObject({ oldNumber: "PP2", newNumber: "PP1", change: "moved" });
    expect(concordance.filter((r) => r.change === "new").map((r) => r.newNumber)).toEqual(["OP2"]);

    // Rev.2 says the Russian text caught up.
    const draft2 = await openDraft(staffCtx(actor), event, document);
    const issued2 = await issueRevision(staffCtx(actor), event, document, draft2, {
      version: draft2.version,
      aligned: { ru: 2 },
    });
    expect(issued2.revision.aligned).toEqual({ en: 2, ru: 2 });
    expect((await loadAmendment(db(), event.id, document.id, added.id)).state).toBe("incorporated");
  });

  it("merges two paragraphs keeping both ids, and announces each change on the document's live topic", async () => {
    const { event, actor, document } = await room([
      ["OP", "Decides to hold a meeting;"],
      ["OP", "Also decides that the meeting shall be held in Nukus;"],
    ]);
    const [first, second] = [await idOf(document, 0, "OP1"), await idOf(document, 0, "OP2")];
    const draft = await openDraft(staffCtx(actor), event, document);
    await mergeParagraphs(staffCtx(actor), event, document, draft, first, {
      fromParagraphId: second,
      text: { en: "Decides to hold a meeting in Nukus;" },
      version: draft.version,
    });
    await issue(actor, event, document, 1);
    const row = (await redlineForReader(db(), document, 0, 1, "staff")).concordance.find((r) => r.paragraphId === second);
    expect(row).toMatchObject({ oldNumber: "OP2", newNumber: null, change: "merged", relatedParagraphId: first });
    expect((await snapshotOf(document, 1)).map((p) => [p.paragraphId, p.number])).toEqual([
      [first, "OP1"],
      [second, null],
    ]);
    const news = await db()
      .select({ data: liveMessages.data })
      .from(liveMessages)
      .where(and(eq(liveMessages.eventId, event.id), eq(liveMessages.topic, `drafting:${document.id}`)));
    expect(news.map((m) => m.data.kind)).toEqual(["revision", "revision", "revision", "paragraph", "paragraph", "revision"]);
    expect((await loadRevision(db(), document, 1)).state).toBe("issued");
  });
});
