import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoWithOffset } from "../../i18n/format.ts";
import { makeDelegate, makeDelegation, makeEvent, makeOutcomeDocument, makeUser } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import type { Actor } from "../access/policy.ts";
import { isAppError } from "../shared/errors.ts";
import { addStatement } from "./add-statement.ts";
import { adoptRevision } from "./adopt-revision.ts";
import { objectToSilence } from "./break-silence.ts";
import { concludeSilence } from "./conclude-silence.ts";
import { type DocumentRow, loadRevision, revisionSnapshot } from "./documents.ts";
import { issueCorrigendum } from "./issue-corrigendum.ts";
import { issueRevision } from "./issue-revision.ts";
import type { DelegateSeat, Proponent } from "./proponent.ts";
import { documentForReader, revisionForReader } from "./queries.ts";
import { startSilence } from "./start-silence.ts";
import { submitAmendment } from "./submit-amendment.ts";

let app: TestServer;
const db = () => app.services.db;
beforeAll(async () => {
  app = await startTestServer({ demo: false });
});
afterAll(async () => {
  await app?.stop();
});

const chair = (userId: number): Actor => ({ userId, isAdmin: false, role: "facilitator", sideEventIds: [] });
const staffCtx = (actor: Actor, now = new Date()) => ({ db: db(), actor, now, publicUrl: "http://localhost" });
const linkCtx = (now = new Date()) => ({ db: db(), now, publicUrl: "http://localhost", client: "test" });
const delegate = (seat: DelegateSeat): Proponent => ({ by: "delegate", seat });
const timezone = "Asia/Tashkent";
/** An instant as the chair types it: wall-clock time in the event's zone, to the second. */
const local = (d: Date) => isoWithOffset(d, timezone).slice(0, 19);
const text = "Decides to convene a high-level meeting on water in 2031;";

async function issuedDocument() {
  const { event, owner } = await makeEvent(db(), { timezone, languages: ["en", "ru"] });
  const actor = chair((await makeUser(db())).id);
  const seats: DelegateSeat[] = [];
  for (let i = 0; i < 2; i++) seats.push((await makeDelegate(db(), event, owner.id, await makeDelegation(db(), event, owner.id))).seat);
  const { document, draft } = await makeOutcomeDocument(db(), event, owner.id, [
    ["OP", { en: text, ru: "Постановляет созвать в 2031 году совещание высокого уровня по водным ресурсам;" }],
  ]);
  await issueRevision(staffCtx(actor), event, document, draft, { version: draft.version });
  const paragraphId = (await revisionForReader(db(), document, 0, "staff")).paragraphs[0].paragraphId;
  return { event, actor, seats, document, paragraphId };
}

const zero = (document: DocumentRow) => loadRevision(db(), document, 0);
const amendment = (paragraphId: number) => ({
  revision: 0,
  paragraphId,
  kind: "replace",
  start: text.indexOf("high-level"),
  end: text.indexOf("high-level") + "high-level".length,
  text: "high-level",
  proposedText: "ministerial",
});

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { status: error.status, code: error.code, fields: error.fields };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("silence procedure", () => {
  it("is broken by an amendment received one second before the deadline, and not by one a second after", async () => {
    const { event, actor, seats, document, paragraphId } = await issuedDocument();
    const started = new Date();
    const until = new Date(Math.floor(started.getTime() / 1000) * 1000 + 3_600_000);
    const issued = await zero(document);
    const silenced = await startSilence(staffCtx(actor, started), app.services.jobs, event, document, issued, {
      until: local(until),
      body: { en: "Plenary", ru: "Пленарное заседание" },
      version: issued.version,
    });
    expect(silenced).toMatchObject({ state: "under_silence", silenceUntil: until });
    const jobs = await db().execute(
      sql`SELECT start_after FROM pgboss.job WHERE name = 'negotiation-silence' AND data->>'revisionId' = ${String(silenced.id)}`,
    );
    expect((jobs as unknown as { rows: { start_after: Date }[] }).rows.map((r) => new Date(r.start_after).getTime())).toEqual([until.getTime()]);

    const justBefore = new Date(until.getTime() - 1000);
    const breaking = await submitAmendment(linkCtx(justBefore), event, document, delegate(seats[0]), amendment(paragraphId));
    expect(breaking.receivedAt).toEqual(justBefore);
    const broken = await zero(document);
    expect(broken).toMatchObject({ state: "issued", silenceBrokenAt: justBefore });
    expect(await concludeSilence(db(), broken.id, new Date(until.getTime() + 1000))).toEqual({ result: "nothing" });
    expect((await zero(document)).state).toBe("issued");

    // A second silence; this time the amendment comes a second late.
    const until2 = new Date(until.getTime() + 3_600_000);
    await startSilence(staffCtx(actor, until), app.services.jobs, event, document, broken, { until: local(until2), version: broken.version });
    const late = new Date(until2.getTime() + 1000);
    expect(await refusal(submitAmendment(linkCtx(late), event, document, delegate(seats[1]), amendment(paragraphId)))).toMatchObject({
      status: 409,
      code: "negotiation.silence_over",
    });
    expect(
      await refusal(objectToSilence(linkCtx(until2), event, document, await zero(document), delegate(seats[1]), { note: "At the deadline" })),
    ).toMatchObject({
      status: 409,
      code: "negotiation.silence_over",
    });
    expect(await concludeSilence(db(), broken.id, new Date(until2.getTime() - 1000))).toEqual({ result: "early" });
    expect(await concludeSilence(db(), broken.id, late)).toMatchObject({ result: "adopted" });
    expect(await zero(document)).toMatchObject({ state: "adopted", adoptedAt: until2, adoptedHow: "consensus", adoptedThrough: "silence" });
  });

  it("is broken by a written objection, recorded with its time", async () => {
    const { event, actor, seats, document } = await issuedDocument();
    const now = new Date();
    const issued = await zero(document);
    const revision = await startSilence(staffCtx(actor, now), app.services.jobs, event, document, issued, {
      until: local(new Date(now.getTime() + 7_200_000)),
      version: issued.version,
    });
    const at = new Date(now.getTime() + 60_000);
    const brk = await objectToSilence(linkCtx(at), event, document, revision, delegate(seats[0]), { note: "We cannot join consensus on OP1." });
    expect(brk).toMatchObject({ kind: "objection", delegationId: seats[0].delegationId, receivedAt: at });
    expect(await zero(document)).toMatchObject({ state: "issued", silenceBrokenAt: at });
    expect(
      await refusal(
        startSilence(staffCtx(actor, now), app.services.jobs, event, document, await zero(document), {
          until: local(new Date(now.getTime() - 60_000)),
          version: 9,
        }),
      ),
    ).toMatchObject({ status: 422, fields: { until: "negotiation.deadline_past" } });
  });

  it("ends with the text adopted by the scheduled job when nobody breaks it", async () => {
    const { event, actor, document } = await issuedDocument();
    const now = new Date();
    const issued = await zero(document);
    await startSilence(staffCtx(actor, now), app.services.jobs, event, document, issued, {
      until: local(new Date(Math.ceil(now.getTime() / 1000) * 1000 + 2000)),
      body: { en: "Plenary" },
      version: issued.version,
    });
    // Other tests' silences are still pending (their jobs wait for later deadlines): wait for this one's revision.
    for (let i = 0; i < 300 && (await zero(document)).state !== "adopted"; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await zero(document)).toMatchObject({ state: "adopted", adoptedThrough: "silence", adoptedBy: { en: "Plenary" } });
  });
});

describe("adoption and statements", () => {
  it("records how, when and by which body a text was adopted, with a Russian-original interpretative statement attached", async () => {
    const { event, actor, seats, document, paragraphId } = await issuedDocument();
    const revision = await zero(document);
    const statement = {
      kind: "interpretative_statement",
      originalLanguage: "ru",
      text: {
        ru: "Российская Федерация понимает пункт 1 постановляющей части как не создающий новых обязательств.",
        en: "The Russian Federation understands operative paragraph 1 as creating no new obligations.",
      },
      paragraphId,
    };
    expect(await refusal(addStatement(linkCtx(), event, document, revision, delegate(seats[0]), statement))).toMatchObject({
      status: 409,
      code: "negotiation.not_adopted",
    });
    expect(
      await refusal(adoptRevision(staffCtx(actor), event, document, revision, { how: "vote", body: { en: "Plenary" }, version: revision.version })),
    ).toMatchObject({
      status: 422,
      fields: { votes: "required" },
    });
    const at = new Date("2030-05-15T13:05:00Z");
    const adopted = await adoptRevision(staffCtx(actor, at), event, document, revision, {
      how: "consensus",
      body: { en: "Plenary", ru: "Пленарное заседание" },
      version: revision.version,
    });
    expect(adopted).toMatchObject({
      state: "adopted",
      adoptedAt: at,
      adoptedHow: "consensus",
      adoptedThrough: "meeting",
      adoptedBy: { ru: "Пленарное заседание" },
    });
    const saved = await addStatement(linkCtx(), event, document, adopted, delegate(seats[0]), statement);
    expect(saved).toMatchObject({ originalLanguage: "ru", delegationId: seats[0].delegationId, paragraphId });
    expect(
      await refusal(addStatement(linkCtx(), event, document, adopted, delegate(seats[1]), { ...statement, text: { en: "Only a translation." } })),
    ).toMatchObject({
      status: 422,
      fields: { "text.ru": "required" },
    });

    // The public sees the adopted text, its statements, and nothing before it.
    const seen = await revisionForReader(db(), document, 0, "public");
    expect(seen.statements.map((s) => [s.kind, s.originalLanguage, s.text.ru])).toEqual([["interpretative_statement", "ru", statement.text.ru]]);
    expect((await documentForReader(db(), event, document.id, "public")).revisions.map((r) => r.state)).toEqual(["adopted"]);

    // A corrigendum aligns the Russian text with the original: readers see it corrected, marked Corr.1, and
    // the English text, the adopted snapshot and its redline stay as they were.
    const corrected = "Постановляет созвать в 2031 году совещание высокого уровня по вопросам водных ресурсов;";
    const paragraphs = seen.paragraphs;
    expect(
      await refusal(issueCorrigendum(staffCtx(actor), event, document, revision, paragraphs, { language: "ru", changes: [{ paragraphId, text: corrected }] })),
    ).toMatchObject({ status: 409, code: "negotiation.not_adopted" });
    expect(
      await refusal(
        issueCorrigendum(staffCtx(actor), event, document, adopted, paragraphs, { language: "ru", changes: [{ paragraphId, text: paragraphs[0].text.ru }] }),
      ),
    ).toMatchObject({ status: 422, fields: { "changes.0.text": "negotiation.corrigendum_unchanged" } });
    expect(
      await refusal(issueCorrigendum(staffCtx(actor), event, document, adopted, paragraphs, { language: "fr", changes: [{ paragraphId, text: corrected }] })),
    ).toMatchObject({ status: 422, fields: { language: "language.unknown" } });
    const viewer: Actor = { userId: actor.userId, isAdmin: false, role: "viewer", sideEventIds: [] };
    expect(
      await refusal(issueCorrigendum(staffCtx(viewer), event, document, adopted, paragraphs, { language: "ru", changes: [{ paragraphId, text: corrected }] })),
    ).toMatchObject({ status: 403 });
    const corr = await issueCorrigendum(staffCtx(actor), event, document, adopted, paragraphs, {
      language: "ru",
      changes: [{ paragraphId, text: corrected }],
      note: { en: "Aligns the Russian text with the original.", ru: "Приводит текст на русском языке в соответствие с оригиналом." },
    });
    expect(corr).toMatchObject({ number: 1, language: "ru" });
    const after = await revisionForReader(db(), document, 0, "public");
    expect(after.paragraphs[0].text).toEqual({ en: text, ru: corrected });
    expect(after.paragraphs[0].corrections).toEqual([{ number: 1, language: "ru" }]);
    expect(after.corrigenda.map((c) => [c.number, c.language])).toEqual([[1, "ru"]]);
    expect((await revisionSnapshot(db(), adopted))[0].text.ru).toBe("Постановляет созвать в 2031 году совещание высокого уровня по водным ресурсам;");
    const second = await issueCorrigendum(staffCtx(actor), event, document, adopted, after.paragraphs, {
      language: "en",
      changes: [{ paragraphId, text: "Decides to convene a high-level meeting on water resources in 2031;" }],
    });
    expect(second.number).toBe(2);
  });
});
