import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { negotiatedOutcome } from "../../../test/outcome-fixture.ts";
import { startTestServer, type TestServer } from "../../../test/server.ts";
import { exportRevision, loadOutcomeText } from "./export-revision.ts";
import { outcomeAkn } from "./render-akn.ts";

/**
 * The Akoma Ntoso schema lives beside the project (../shared/schemas, with the xml.xsd it imports), never
 * inside it: a user's clone has no such folder. There the schema check is skipped, by name, and the
 * structural checks still run.
 */
const schemas = path.resolve("..", "shared", "schemas");
const haveSchemas = existsSync(path.join(schemas, "akomantoso30.xsd")) && existsSync(path.join(schemas, "xml.xsd"));
const withSchemas = (name: string) => (haveSchemas ? name : `${name} — skipped: no ../shared/schemas beside the project`);
const schemaIt = it.skipIf(!haveSchemas);

let app: TestServer;
let room: Awaited<ReturnType<typeof negotiatedOutcome>>;
const db = () => app.services.db;

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  room = await negotiatedOutcome(db());
});
afterAll(async () => {
  await app?.stop();
});

const akn = async (number: number, lang: string) =>
  new TextDecoder().decode((await exportRevision(db(), room.event, room.document, number, "staff", { format: "xml", lang }, "http://localhost")).body);

async function xsdErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: "outcome.xml", contents: xml }],
    schema: [{ fileName: "akomantoso30.xsd", contents: readFileSync(path.join(schemas, "akomantoso30.xsd"), "utf8") }],
    // The schema imports ./xml.xsd: it is given beside it, as a file the validator may read.
    preload: [{ fileName: "xml.xsd", contents: readFileSync(path.join(schemas, "xml.xsd"), "utf8") }],
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** Each paragraph's wId with the number it shows, in document order. */
const paragraphsOf = (xml: string) =>
  [...xml.matchAll(/<(recital|paragraph|subparagraph) eId="([^"]+)" wId="([^"]+)"[^>]*>(?:<num>([^<]*)<\/num>)?/g)].map((m) => ({
    element: m[1],
    eId: m[2],
    wId: m[3],
    num: m[4] ?? null,
  }));

describe("Akoma Ntoso 3.0", () => {
  schemaIt(withSchemas("is valid against the OASIS schema, for each language expression of the zero draft and of Rev.1"), async () => {
    for (const number of [0, 1]) {
      for (const lang of ["en", "ru"]) expect(await xsdErrors(await akn(number, lang))).toEqual([]);
    }
    // A paragraph not yet translated is given in the negotiating language, and says so.
    const text = await loadOutcomeText(db(), room.event, room.document, 1, "staff", { lang: "ru" });
    const fallback = outcomeAkn(
      { ...text, paragraphs: text.paragraphs.map((p, i) => (i === 0 ? { ...p, lang: "en" } : p)) },
      { eventSlug: "x", publicUrl: "" },
    );
    expect(fallback).toContain('xml:lang="en"');
    expect(await xsdErrors(fallback)).toEqual([]);
  });

  it("writes one expression per language, all of one work, with the numbers shown and the brackets kept", async () => {
    const [en, ru] = [await akn(1, "en"), await akn(1, "ru")];
    const work = (xml: string) => /<FRBRWork>\s*<FRBRthis value="([^"]+)"/.exec(xml)?.[1];
    const expression = (xml: string) => /<FRBRExpression>\s*<FRBRthis value="([^"]+)"/.exec(xml)?.[1];
    expect(work(en)).toBe(work(ru));
    expect(expression(en)).toMatch(/\/eng@rev-1\/!main$/);
    expect(expression(ru)).toMatch(/\/rus@rev-1\/!main$/);
    expect(ru).toContain('<FRBRlanguage language="rus"/>');
    expect(ru).toContain('<FRBRtranslation fromLanguage="eng"');
    expect(en).toContain('<FRBRauthoritative value="true"/>');
    expect(en).toContain(`<docNumber>${room.document.symbol}</docNumber>`);
    // Preambular paragraphs are recitals of the preamble; operative ones paragraphs of the main body, with their subparagraphs inside.
    const listed = paragraphsOf(en);
    expect(listed.map((p) => [p.element, p.num])).toEqual([
      ["recital", "PP1"],
      ["recital", "PP2"],
      ["recital", "PP3"],
      ["paragraph", "OP1"],
      ["subparagraph", "OP1 (a)"],
      ["subparagraph", "OP1 (b)"],
      ["paragraph", "OP2"],
      ["paragraph", null],
    ]);
    expect(en).toMatch(/<paragraph eId="para_\d+" wId="para_\d+" refersTo="#status_deleted" status="removed">/);
    const [first, second] = room.holders;
    expect(en).toMatch(
      new RegExp(
        `\\[<inline name="bracket" eId="para_\\d+__bracket_[0-9a-f]+">regional and interregional cooperation</inline>\\] <inline name="alternative" eId="para_\\d+__bracket_[0-9a-f]+__alt_1" refersTo="#delegation_${first.id}">\\(alt. 1: “regional cooperation”, Held by <organization refersTo="#delegation_${first.id}">${first.name.en}</organization>\\)</inline>`,
      ),
    );
    expect(en).toContain(`<TLCOrganization eId="delegation_${second.id}"`);
    expect(ru).toContain("призывает все государства углублять региональное и межрегиональное сотрудничество");
  });

  it("keeps a paragraph's wId from Rev.1 to Rev.2 when a paragraph inserted before it renumbers it", async () => {
    const zero = paragraphsOf(await akn(0, "en"));
    const rev1 = paragraphsOf(await akn(1, "en"));
    const recalling = await room.idOf(0, "PP1");
    expect(zero.find((p) => p.wId === `para_${recalling}`)?.num).toBe("PP1");
    expect(rev1.find((p) => p.wId === `para_${recalling}`)?.num).toBe("PP2");
    expect(rev1.find((p) => p.wId === `para_${recalling}`)?.eId).toBe(`para_${recalling}`);
    // Every paragraph of the earlier revision is still there under the same identifiers.
    for (const p of zero) expect(rev1.map((q) => q.wId)).toContain(p.wId);
    expect(new Set(rev1.map((p) => p.eId)).size).toBe(rev1.length);
  });

  it("refuses a redline as Akoma Ntoso, and a language the event is not held in", async () => {
    await expect(exportRevision(db(), room.event, room.document, 1, "staff", { format: "xml", compare: 0 }, "")).rejects.toMatchObject({
      status: 400,
      code: "negotiation.export_redline_xml",
    });
    await expect(exportRevision(db(), room.event, room.document, 1, "staff", { format: "xml", lang: "fr" }, "")).rejects.toMatchObject({
      status: 404,
      code: "language.not_found",
    });
  });
});
