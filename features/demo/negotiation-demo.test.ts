import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { getPublishedEvent } from "../events/queries.ts";
import { documentBySymbol, listRevisions } from "../negotiation/documents.ts";
import { lineageOf } from "../negotiation/lineage.ts";
import { amendmentsForReader, revisionForReader } from "../negotiation/queries.ts";
import { negotiationSilenceBreaks } from "../negotiation/schema.ts";
import { demoSlug } from "./content.ts";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app?.stop();
});

describe("the demo's outcome documents", () => {
  it("takes the Declaration from its zero draft to Rev.2, adopted by consensus with a Russian-original statement", async () => {
    const db = app.services.db;
    const event = await getPublishedEvent(db, demoSlug);
    const declaration = await documentBySymbol(db, event.id, "TC/2022/L.1");
    expect((await listRevisions(db, declaration)).map((r) => [r.number, r.state])).toEqual([
      [0, "issued"],
      [1, "issued"],
      [2, "adopted"],
    ]);
    const { amendments } = await amendmentsForReader(db, declaration, "delegate");
    expect(amendments.map((a) => a.state).sort()).toEqual(["incorporated", "incorporated", "incorporated", "not_incorporated", "withdrawn"]);
    const adopted = await revisionForReader(db, declaration, 2, "public");
    expect(adopted.revision).toMatchObject({ adoptedHow: "consensus", adoptedThrough: "meeting" });
    expect(adopted.paragraphs.every((p) => p.status === "agreed" && p.brackets.length === 0)).toBe(true);
    expect(adopted.paragraphs.map((p) => p.number)).toEqual(["PP1", "PP2", "PP3", "PP4", "OP1", "OP2", "OP3", "OP4", "OP5", "OP6", "OP7"]);
    expect(adopted.paragraphs.find((p) => p.number === "OP5")?.text.ru).toContain("реинтеграцию");
    expect(adopted.statements.map((s) => [s.kind, s.originalLanguage])).toEqual([["interpretative_statement", "ru"]]);
    const rev1 = await revisionForReader(db, declaration, 1, "delegate");
    expect(rev1.paragraphs.find((p) => p.number === "OP7")?.brackets[0].alternatives.map((a) => a.text)).toEqual([
      "at a high level in 2024",
      "at a high level within three years",
    ]);
    const lineage = await lineageOf(db, declaration, adopted.paragraphs);
    expect(lineage.map((l) => l.year)).toEqual([2011, 2017, 2018, 2019]);
  });

  it("adopts the updated Joint Plan of Action at the end of its silence procedure, unbroken", async () => {
    const db = app.services.db;
    const event = await getPublishedEvent(db, demoSlug);
    const plan = await documentBySymbol(db, event.id, "TC/2022/L.2");
    const [, rev1] = await listRevisions(db, plan);
    expect(rev1).toMatchObject({ state: "adopted", adoptedThrough: "silence" });
    expect(rev1.adoptedAt?.toISOString()).toBe("2022-03-03T13:00:00.000Z");
    expect(await db.select().from(negotiationSilenceBreaks).where(eq(negotiationSilenceBreaks.revisionId, rev1.id))).toEqual([]);
  });

  it("shows both on the public documents pages in English and Russian", async () => {
    for (const [lang, words] of [
      ["en", "Tashkent Declaration (demo text)"],
      ["ru", "Ташкентская декларация (демонстрационный текст)"],
    ] as const) {
      const list = await (await fetch(`${app.url}/${lang}/e/${demoSlug}/documents`)).text();
      expect(list).toContain(words);
      const page = await fetch(`${app.url}/${lang}/e/${demoSlug}/documents/TC/2022/L.1`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(lang === "ru" ? "Продолжает ранее принятые документы" : "Continues earlier documents");
      expect(html).toContain(lang === "ru" ? "Делегация Б (вымышленная)" : "Delegation B (fictional)");
    }
  });
});
