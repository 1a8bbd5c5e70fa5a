import { describe, expect, it } from "vitest";
import { docxOf, odtOf, pdfOf } from "../../test/library.ts";
import { deflated, deflatedZeros, zip } from "../../test/zip.ts";
import { checkFile, sniffType } from "../files/kinds.ts";
import { extractText } from "./extract-text.ts";
import { docxXmlText, odtXmlText } from "./office-text.ts";
import { parseToUnicode } from "./pdf-fonts.ts";

const english = "The conference reviews regional cooperation on water management.";
const russian = "Участники конференции обсудят региональное сотрудничество.";

describe("reading a document's text for search", () => {
  it("reads a PDF in Latin and Cyrillic through its fonts' ToUnicode maps", async () => {
    const pdf = await pdfOf("TC/2022/1", "Concept note", [english, russian]);
    expect(sniffType(pdf)).toBe("application/pdf");
    const text = (await extractText(pdf, "application/pdf"))!;
    expect(text).toContain(english);
    expect(text).toContain(russian);
    expect(text).toContain("TC/2022/1");
  });

  it("reads a DOCX and an ODT, recognised from their bytes", async () => {
    const docx = docxOf(["Concept note", `${english} & more`, russian]);
    const odt = odtOf(["Concept note", english, russian]);
    expect(sniffType(docx)).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(sniffType(odt)).toBe("application/vnd.oasis.opendocument.text");
    expect(await extractText(docx, sniffType(docx)!)).toBe(`Concept note\n${english} & more\n${russian}`);
    expect(await extractText(odt, sniffType(odt)!)).toBe(`Concept note\n${english}\n${russian}`);
  });

  it("keeps a spreadsheet a spreadsheet, and refuses one as a document", () => {
    const xlsx = zip([deflated("[Content_Types].xml", "<Types/>"), deflated("xl/workbook.xml", "<workbook/>")]);
    expect(sniffType(xlsx)).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(checkFile("document", xlsx)).toEqual({ ok: false, code: "upload.document_type" });
    expect(checkFile("document", new TextEncoder().encode("just text"))).toEqual({ ok: false, code: "upload.document_type" });
  });

  it("reads runs, tabs, breaks and entities of the XML, and nothing else", () => {
    expect(
      docxXmlText('<w:p><w:r><w:t>A&amp;B</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve"> C </w:t></w:r></w:p><w:p><w:r><w:t>D</w:t></w:r></w:p>', 100),
    ).toBe("A&B C\nD");
    expect(odtXmlText('<office:body><text:h>Title</text:h><text:p>a<text:s text:c="3"/>b<text:span>c</text:span>&#1046;</text:p></office:body>', 100)).toBe(
      "Title\na bcЖ",
    );
  });

  it("stops reading at the cap, and an unreadable file gives no text rather than an error", async () => {
    const long = docxOf(Array.from({ length: 2000 }, () => english));
    expect((await extractText(long, sniffType(long)!))!.length).toBeLessThanOrEqual(200_000);
    expect(await extractText(new TextEncoder().encode("%PDF-1.7\ngarbage\n%%EOF"), "application/pdf")).toBeNull();
    const bomb = zip([deflated("[Content_Types].xml", "<Types/>"), await deflatedZeros("word/document.xml", 50 * 1024 * 1024)]);
    expect(await extractText(bomb, sniffType(bomb)!)).toBeNull();
  });

  it("maps codes through bfchar and both forms of bfrange", () => {
    const cmap = parseToUnicode(
      "1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0001> <0041> <0002> <00660069> endbfchar 2 beginbfrange <0010> <0012> <0430> <0020> <0021> [<0031> <0032>] endbfrange",
    );
    expect(cmap.bytesPerCode).toBe(2);
    expect([1, 2, 0x10, 0x11, 0x12, 0x20, 0x21].map((c) => cmap.map.get(c))).toEqual(["A", "fi", "а", "б", "в", "1", "2"]);
  });
});
