/**
 * An outcome document negotiated through two revisions, for the export tests: a zero draft in English and
 * Russian with preambular, operative and lettered paragraphs and a bracket whose alternatives delegations
 * hold; then Rev.1, where a new PP1 renumbers the others, one OP is rewritten and one is deleted.
 * Everything is made through the app's commands.
 */
import type { Db } from "../db/index.ts";
import { addBracket, markParagraph } from "../features/negotiation/bracket-paragraph.ts";
import { loadRevision } from "../features/negotiation/documents.ts";
import { addParagraph, updateParagraph } from "../features/negotiation/edit-paragraph.ts";
import { issueRevision } from "../features/negotiation/issue-revision.ts";
import { openDraft } from "../features/negotiation/open-draft.ts";
import { revisionForReader } from "../features/negotiation/queries.ts";
import { makeDelegation, makeEvent, makeOutcomeDocument, makeUser } from "./factories.ts";
import { facilitator } from "./negotiation-room.ts";

export const zeroDraft = [
  ["PP", { en: "Recalling the Tashkent Declaration on regional connectivity,", ru: "ссылаясь на Ташкентскую декларацию о региональной взаимосвязанности," }],
  ["PP", { en: "Noting with appreciation the report of the Secretary-General,", ru: "с признательностью отмечая доклад Генерального секретаря," }],
  [
    "OP",
    {
      en: "Calls upon all States to strengthen regional cooperation in the field of water management;",
      ru: "призывает все государства укреплять региональное сотрудничество в области управления водными ресурсами;",
    },
  ],
  ["sub", { en: "by sharing hydrological data in good time;", ru: "путем своевременного обмена гидрологическими данными;" }],
  ["sub", { en: "by building joint early warning systems;", ru: "путем создания совместных систем раннего оповещения;" }],
  ["OP", { en: "Requests the secretariat to report on progress at the next session;", ru: "просит секретариат доложить о ходе работы на следующей сессии;" }],
  ["OP", { en: "Decides to remain seized of the matter.", ru: "постановляет продолжать заниматься этим вопросом." }],
] as const;

export const newPreamble = {
  en: "Reaffirming its commitment to the 2030 Agenda,",
  ru: "вновь подтверждая свою приверженность Повестке дня на период до 2030 года,",
};
export const rewrittenOp = {
  en: "Calls upon all States to deepen regional and interregional cooperation in the field of water management;",
  ru: "призывает все государства углублять региональное и межрегиональное сотрудничество в области управления водными ресурсами;",
};

export async function negotiatedOutcome(db: Db) {
  const { event, owner } = await makeEvent(db, { languages: ["en", "ru"], timezone: "Asia/Tashkent" });
  const actor = facilitator((await makeUser(db)).id);
  const ctx = { db, actor, now: new Date(), publicUrl: "http://localhost" };
  const holders = [await makeDelegation(db, event, owner.id), await makeDelegation(db, event, owner.id)];
  const { document, draft } = await makeOutcomeDocument(
    db,
    event,
    owner.id,
    zeroDraft.map(([kind, text]) => [kind, { ...text }]),
  );
  const snapshot = async (n: number) => (await revisionForReader(db, document, n, "staff")).paragraphs;
  const idOf = async (n: number, label: string) => (await snapshot(n)).find((p) => p.number === label)!.paragraphId;
  const fresh = (n: number) => loadRevision(db, document, n);

  // Zero draft: "regional cooperation" in brackets, "regional" and "interregional" held by one delegation each.
  const op1 = await idOf(0, "OP1");
  const words = "regional cooperation";
  const start = zeroDraft[2][1].en.indexOf(words);
  await addBracket(ctx, event, document, draft, op1, {
    start,
    end: start + words.length,
    alternatives: [
      { text: "regional cooperation", heldBy: [holders[0].id] },
      { text: "interregional cooperation", heldBy: [holders[1].id] },
    ],
    version: (await fresh(0)).version,
  });
  await markParagraph(ctx, event, document, await fresh(0), await idOf(0, "PP1"), { status: "agreed_ad_ref", version: (await fresh(0)).version });
  await issueRevision(ctx, event, document, await fresh(0), { version: (await fresh(0)).version });

  // Rev.1: a new first PP (PP1 → PP2), OP1 rewritten, OP3 deleted.
  await openDraft(ctx, event, document);
  await addParagraph(ctx, event, document, await fresh(1), { kind: "PP", text: newPreamble, afterParagraphId: null, version: (await fresh(1)).version });
  await updateParagraph(ctx, event, document, await fresh(1), op1, { text: rewrittenOp, version: (await fresh(1)).version });
  await markParagraph(ctx, event, document, await fresh(1), await idOf(1, "OP3"), { status: "deleted", version: (await fresh(1)).version });
  await issueRevision(ctx, event, document, await fresh(1), { version: (await fresh(1)).version });
  return { event, owner, actor, document, holders, snapshot, idOf };
}
