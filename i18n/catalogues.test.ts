import { describe, expect, it } from "vitest";
import { checkCatalogues, formatReport, hardErrors } from "../scripts/i18n-check.ts";

/**
 * Every catalogue directory under i18n/ (not only the languages the interface offers yet) against English:
 * ICU syntax, the same placeholders, every CLDR plural category. Missing keys and text still in English
 * are printed, not failed (scripts/i18n-check.ts).
 */
describe("translation catalogues (scripts/i18n-check.ts)", () => {
  const result = checkCatalogues();
  console.log(formatReport(result));

  it("English parses", () => {
    expect(result.english).toEqual([]);
  });
  for (const report of result.languages) {
    it(`${report.lang}: valid ICU, English's placeholders, every plural category`, () => {
      expect(hardErrors(report)).toEqual([]);
    });
  }
});
