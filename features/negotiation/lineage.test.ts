import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent, makeOutcomeDocument, makeUser } from "../../test/factories.ts";
import { facilitator, negotiationRoom, refusal } from "../../test/negotiation-room.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import type { Actor } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import { adoptRevision } from "./adopt-revision.ts";
import { carryOver, pastedParagraphs } from "./carry-over.ts";
import { loadRevision } from "./documents.ts";
import { issueRevision } from "./issue-revision.ts";
import { lineageOf, linkEarlierDocument, unlinkEarlierDocument } from "./lineage.ts";
import { revisionForReader } from "./queries.ts";
import type { ParagraphKind } from "./vocabulary.ts";

let app: TestServer;
const db = () => app.services.db;
beforeAll(async () => {
  app = await startTestServer({ demo: false });
});
afterAll(async () => {
  await app?.stop();
});

const { staffCtx } = negotiationRoom(db);

/** An outcome document issued as its zero draft, and adopted when asked. */
async function outcome(event: EventRow, ownerId: number, actor: Actor, paragraphs: [ParagraphKind, string][], adopt: boolean) {
  const { document, draft } = await makeOutcomeDocument(db(), event, ownerId, paragraphs);
  const issued = await issueRevision(staffCtx(actor), event, document, draft, { version: draft.version });
  if (adopt)
    await adoptRevision(staffCtx(actor), event, document, issued.revision, { how: "consensus", body: { en: "Plenary" }, version: issued.revision.version });
  return { document, revision: await loadRevision(db(), document, 0) };
}

describe("carry-over", () => {
  it("finds a paragraph carried over word for word, one adapted, and calls the rest new, in any script", () => {
    const earlier = pastedParagraphs(
      "Reaffirming our commitment to the United Nations Global Counter-Terrorism Strategy,\n\n" +
        "Calls on all States to strengthen border cooperation in the region;\n\n\n" +
        "Подтверждая приверженность региональному сотрудничеству,",
    );
    expect(earlier.map((e) => e.label)).toEqual(["¶1", "¶2", "¶3"]);
    const carried = carryOver(
      [
        { paragraphId: 1, text: "Reaffirming  our commitment to the United Nations Global Counter-Terrorism Strategy," },
        { paragraphId: 2, text: "Calls on all States of Central Asia to strengthen border cooperation in the region;" },
        { paragraphId: 3, text: "Welcomes the tenth anniversary of the Joint Plan of Action;" },
        { paragraphId: 4, text: "Подтверждая нашу приверженность региональному сотрудничеству," },
      ],
      earlier,
    );
    expect(carried).toEqual([
      { paragraphId: 1, from: "¶1", kind: "verbatim" },
      { paragraphId: 2, from: "¶2", kind: "adapted" },
      { paragraphId: 4, from: "¶3", kind: "adapted" },
    ]);
  });
});

describe("lineage", () => {
  it("links an adopted declaration of an earlier event and one known by reference, shows what carries over, and unlinks", async () => {
    const { event: earlierEvent, owner } = await makeEvent(db(), { languages: ["en", "ru"] });
    const actor = facilitator((await makeUser(db())).id);
    const earlier = await outcome(
      earlierEvent,
      owner.id,
      actor,
      [
        ["PP", "Recalling the Joint Plan of Action adopted in 2011,"],
        ["OP", "Decides to meet again in three years;"],
      ],
      true,
    );
    const { event } = await makeEvent(db(), { languages: ["en", "ru"], owner });
    const current = await outcome(
      event,
      owner.id,
      actor,
      [
        ["PP", "Recalling the Joint Plan of Action adopted in 2011,"],
        ["PP", "Welcoming the updated Joint Plan of Action,"],
        ["OP", "Decides to meet again in two years;"],
      ],
      false,
    );

    const linked = await linkEarlierDocument(staffCtx(actor), event, current.document, { earlierDocumentId: earlier.document.id });
    await linkEarlierDocument(staffCtx(actor), event, current.document, {
      title: { en: "Declaration of an earlier conference", ru: "Декларация предыдущей конференции" },
      year: 2017,
      url: "https://example.org/declaration-2017",
      text: { en: "Welcoming the updated Joint Plan of Action,\n\nUrges all parties to act." },
    });
    const paragraphs = (await revisionForReader(db(), current.document, 0, "staff")).paragraphs;
    const lineage = await lineageOf(db(), current.document, paragraphs);
    const numberOf = (id: number) => paragraphs.find((p) => p.paragraphId === id)?.number;
    expect(lineage.map((l) => [l.earlier?.symbol ?? l.title.en, l.year, l.language])).toEqual([
      [earlier.document.symbol, null, "en"],
      ["Declaration of an earlier conference", 2017, "en"],
    ]);
    expect(lineage[0].earlier?.eventSlug).toBe(earlierEvent.slug);
    expect(lineage[0].carried.map((c) => [numberOf(c.paragraphId), c.from, c.kind])).toEqual([
      ["PP1", "PP1", "verbatim"],
      ["OP1", "OP1", "adapted"],
    ]);
    expect(lineage[1].carried.map((c) => [numberOf(c.paragraphId), c.from, c.kind])).toEqual([["PP2", "¶1", "verbatim"]]);

    await unlinkEarlierDocument(staffCtx(actor), event, current.document, linked.id);
    expect((await lineageOf(db(), current.document, paragraphs)).length).toBe(1);
    expect(await refusal(unlinkEarlierDocument(staffCtx(actor), event, current.document, linked.id))).toMatchObject({ status: 404 });
  });

  it("refuses a document not adopted, one of a draft event, itself, a bad address, no title, and a reader", async () => {
    const { event, owner } = await makeEvent(db(), { languages: ["en"] });
    const actor = facilitator((await makeUser(db())).id);
    const current = await outcome(event, owner.id, actor, [["OP", "Decides to act;"]], false);
    const pending = await outcome(event, owner.id, actor, [["OP", "Decides to wait;"]], false);
    const { event: hidden } = await makeEvent(db(), { languages: ["en"], status: "draft", owner });
    const unpublished = await outcome(hidden, owner.id, actor, [["OP", "Decides in private;"]], true);
    const field = { status: 422, fields: { earlierDocumentId: "negotiation.earlier_not_adopted" } };
    const ctx = staffCtx(actor);
    expect(await refusal(linkEarlierDocument(ctx, event, current.document, { earlierDocumentId: pending.document.id }))).toMatchObject(field);
    expect(await refusal(linkEarlierDocument(ctx, event, current.document, { earlierDocumentId: unpublished.document.id }))).toMatchObject(field);
    expect(await refusal(linkEarlierDocument(ctx, event, current.document, { earlierDocumentId: current.document.id }))).toMatchObject(field);
    expect(await refusal(linkEarlierDocument(ctx, event, current.document, { title: { en: "X" }, url: "javascript:alert(1)" }))).toMatchObject({
      status: 422,
      fields: { url: "url.invalid" },
    });
    expect(await refusal(linkEarlierDocument(ctx, event, current.document, { symbol: "A/1" }))).toMatchObject({ status: 422, fields: { title: "required" } });
    const viewer: Actor = { ...actor, role: "viewer" };
    expect(await refusal(linkEarlierDocument(staffCtx(viewer), event, current.document, { title: { en: "X" } }))).toMatchObject({ status: 403 });
  });
});
