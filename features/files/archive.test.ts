import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { deflated, deflatedZeros, workbookParts, zip } from "../../test/zip.ts";
import { readSheet } from "../registration/imports/read-sheet.ts";
import { checkArchive } from "./archive.ts";
import { fileRules } from "./kinds.ts";

const rule = fileRules.import.archive!;
const MB = 1024 * 1024;

describe("checking a zip before anything unpacks it", () => {
  it("lets a real workbook through, and it is read as before", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("People");
    sheet.addRow(["Given name", "Family name", "Email"]);
    sheet.addRow(["Ali", "Valiyev", "ali@example.org"]);
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const entries = await checkArchive(bytes, rule);
    expect(entries.map((e) => e.name)).toContain("xl/worksheets/sheet1.xml");
    expect((await readSheet(bytes)).rows).toEqual([{ row: 2, cells: ["Ali", "Valiyev", "ali@example.org"] }]);
  });

  it("refuses a workbook whose sheet declares 200 MB (a zip bomb), before unpacking it", async () => {
    const bomb = zip([...workbookParts(), await deflatedZeros("xl/worksheets/sheet1.xml", 200 * MB)]);
    expect(bomb.length).toBeLessThan(MB);
    await expect(readSheet(bomb)).rejects.toMatchObject({ status: 413, code: "upload.archive_too_large", values: { max: "100 MB" } });
  });

  it("refuses an entry packed more than 100:1 even under the total", async () => {
    const dense = zip([...workbookParts(), await deflatedZeros("xl/worksheets/sheet1.xml", 20 * MB)]);
    await expect(checkArchive(dense, rule)).rejects.toMatchObject({ status: 413, code: "upload.archive_too_large" });
  });

  it("refuses an entry that unpacks to more than it declares, stopping there", async () => {
    const liar = await deflatedZeros("xl/worksheets/sheet1.xml", 200 * MB);
    const before = process.memoryUsage().rss;
    await expect(checkArchive(zip([...workbookParts(), { ...liar, size: 1000 }]), rule)).rejects.toMatchObject({
      status: 413,
      code: "upload.archive_too_large",
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * MB);
  });

  it("refuses an entry that unpacks to less than it declares, and a damaged one", async () => {
    const short = deflated("xl/worksheets/sheet1.xml", "<worksheet/>");
    await expect(checkArchive(zip([...workbookParts(), { ...short, size: short.size + 10 }]), rule)).rejects.toMatchObject({
      status: 415,
      code: "import.type",
    });
    await expect(checkArchive(zip([...workbookParts(), { ...short, data: Buffer.from([0xff, 0xff, 0xff]) }]), rule)).rejects.toMatchObject({ status: 415 });
  });

  it("refuses more entries than a workbook has, and bytes that only start like a zip", async () => {
    const many = zip(Array.from({ length: rule.maxEntries + 1 }, (_, i) => deflated(`xl/media/${i}.xml`, "<x/>")));
    await expect(checkArchive(many, rule)).rejects.toMatchObject({ status: 413, code: "upload.archive_too_large" });
    const fake = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]);
    await expect(readSheet(fake)).rejects.toMatchObject({ status: 415, code: "import.type" });
  });
});
