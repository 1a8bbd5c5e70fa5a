import { describe, expect, it } from "vitest";
import type { EventRow } from "../../events/queries.ts";
import type { DocumentRow, RevisionRow } from "../documents.ts";
import type { SnapshotParagraph } from "../redline.ts";
import { outcomeText } from "./outcome-text.ts";

const event = { id: 1, slug: "x", timezone: "Asia/Tashkent", languages: ["en", "ru"] } as unknown as EventRow;
const document = {
  id: 1,
  eventId: 1,
  symbol: "TC/2030/L.1",
  title: { en: "Declaration", ru: "Декларация" },
  negotiatingLanguage: "en",
} as unknown as DocumentRow;
const paragraph: SnapshotParagraph = {
  paragraphId: 7,
  position: 0,
  kind: "OP",
  number: "OP1",
  text: { en: "Calls upon all States to cooperate;" },
  status: "agreed_ad_ref",
  brackets: [],
  splitFromId: null,
  mergedIntoId: null,
};
const revision = (over: Partial<RevisionRow>) =>
  ({ id: 1, number: 2, state: "issued", aligned: { en: 2, ru: 1 }, issuedAt: null, createdAt: new Date(), adoptedAt: null, ...over }) as RevisionRow;

describe("what an export says", () => {
  it("dates the revision in the event's time zone, in the export's language", () => {
    // 20:30 UTC on 14 May is already 15 May in Tashkent (UTC+5).
    const issued = revision({ issuedAt: new Date("2030-05-14T20:30:00Z") });
    const en = outcomeText({ event, document, revision: issued, paragraphs: [paragraph], delegations: new Map(), lang: "en" });
    expect(en.dateIso).toBe("2030-05-15");
    expect(en.date).toContain("15");
    expect(en.date).toContain("May");
    const ru = outcomeText({ event, document, revision: issued, paragraphs: [paragraph], delegations: new Map(), lang: "ru" });
    expect(ru.date).toContain("мая");
  });

  it("names the original language in the export's language, marks a translation a revision behind, and falls back to the original text", () => {
    const ru = outcomeText({ event, document, revision: revision({}), paragraphs: [paragraph], delegations: new Map(), lang: "ru" });
    expect(ru.original).toBe("Язык оригинала: АНГЛИЙСКИЙ");
    expect(ru.alignment).toBe("Согласовано с Rev.1");
    expect(ru.paragraphs[0]).toMatchObject({ lang: "en", statusMark: "Согласовано ad referendum", pieces: [{ kind: "text", text: paragraph.text.en }] });
  });

  it("leaves status marks out of an adopted text", () => {
    const adopted = revision({ state: "adopted", adoptedAt: new Date("2030-05-16T09:00:00Z"), adoptedHow: "consensus" });
    const en = outcomeText({ event, document, revision: adopted, paragraphs: [{ ...paragraph, status: "agreed" }], delegations: new Map(), lang: "en" });
    expect(en.paragraphs[0].statusMark).toBe("");
    expect(en.adoption).toContain("By consensus");
  });
});
