// A plain document as a DOCX (WordprocessingML in a zip, the few parts Word and LibreOffice need): the
// symbol block at the top right, a title, headings and paragraphs, each run marked with the document's
// language. The demo conference's documents are issued this way: quick to write at start-up, and read
// back by the library's search like any uploaded DOCX.
import { writeZip } from "../files/zip.ts";

export interface TextDocument {
  symbol: string;
  /** Lines of the block under the symbol: date of issue, "Original: English". */
  marks: string[];
  title: string;
  /** `## ` starts a heading; other blocks are paragraphs. */
  blocks: string[];
  /** The document's language (BCP 47), marked on every run. */
  language: string;
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;

const packageRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

export function textDocx(document: TextDocument): Uint8Array {
  const lang = `<w:lang w:val="${escapeXml(document.language)}"/>`;
  const paragraph = (text: string, options: { size?: number; bold?: boolean; right?: boolean; before?: number } = {}) => {
    const pPr = `<w:pPr>${options.right ? '<w:jc w:val="right"/>' : ""}<w:spacing w:before="${options.before ?? 0}" w:after="120"/></w:pPr>`;
    const rPr = `<w:rPr>${options.bold ? "<w:b/>" : ""}<w:sz w:val="${(options.size ?? 11) * 2}"/>${lang}</w:rPr>`;
    return `<w:p>${pPr}<w:r>${rPr}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
  };
  const body = [
    paragraph(document.symbol, { size: 12, bold: true, right: true }),
    ...document.marks.map((mark) => paragraph(mark, { size: 9, right: true })),
    paragraph(document.title, { size: 15, bold: true, before: 480 }),
    ...document.blocks.map((block) => (block.startsWith("## ") ? paragraph(block.slice(3), { size: 12.5, bold: true, before: 240 }) : paragraph(block))),
  ].join("");
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1280" w:right="1280" w:bottom="1280" w:left="1280" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${escapeXml(`${document.symbol} — ${document.title}`)}</dc:title><dc:language>${escapeXml(document.language)}</dc:language><dc:creator>Plenary</dc:creator></cp:coreProperties>`;
  const utf8 = (text: string) => new TextEncoder().encode(text);
  return writeZip([
    { name: "[Content_Types].xml", data: utf8(contentTypes) },
    { name: "_rels/.rels", data: utf8(packageRels) },
    { name: "word/document.xml", data: utf8(xml) },
    { name: "docProps/core.xml", data: utf8(core) },
  ]);
}
