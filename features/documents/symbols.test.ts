import { describe, expect, it } from "vitest";
import { nextNumber, normalisePrefix, parseSymbol, seriesSymbol, suffixSymbol, symbolPath } from "./symbols.ts";

describe("symbol prefixes", () => {
  it("takes UN-style prefixes, spaces around slashes dropped", () => {
    expect(normalisePrefix("TC/2022")).toBe("TC/2022");
    expect(normalisePrefix(" ECE / TRANS / WP.29 ")).toBe("ECE/TRANS/WP.29");
    expect(normalisePrefix("A/CONF.231")).toBe("A/CONF.231");
  });
  it("refuses what could be read as a language code, a suffix, or is too long", () => {
    expect(normalisePrefix("tc/2022")).toBeNull();
    expect(normalisePrefix("TC/en")).toBeNull();
    expect(normalisePrefix("TC/Rev.1")).toBeNull();
    expect(normalisePrefix("TC//2022")).toBeNull();
    expect(normalisePrefix("TC 2022")).toBeNull();
    expect(normalisePrefix("")).toBeNull();
    expect(normalisePrefix(`A/${"B".repeat(40)}`)).toBeNull();
  });
});

describe("symbols in a series", () => {
  it("writes the general, limited and information series", () => {
    expect(seriesSymbol("TC/2022", "general", 1)).toBe("TC/2022/1");
    expect(seriesSymbol("TC/2022", "limited", 1)).toBe("TC/2022/L.1");
    expect(seriesSymbol("TC/2022", "information", 3)).toBe("TC/2022/INF.3");
    expect(suffixSymbol("TC/2022/1", "Rev", 1)).toBe("TC/2022/1/Rev.1");
    expect(suffixSymbol("TC/2022/1/Rev.1", "Corr", 2)).toBe("TC/2022/1/Rev.1/Corr.2");
  });

  it("reads a typed symbol back into its parts", () => {
    expect(parseSymbol("TC/2022/7", "TC/2022")).toEqual({ kind: "series", prefix: "TC/2022", series: "general", number: 7 });
    expect(parseSymbol(" TC/2022/L.2 ", "TC/2022")).toEqual({ kind: "series", prefix: "TC/2022", series: "limited", number: 2 });
    expect(parseSymbol("TC/2022/INF.1", "TC/2022")).toEqual({ kind: "series", prefix: "TC/2022", series: "information", number: 1 });
    expect(parseSymbol("TC/2022/1/Rev.1", "TC/2022")).toEqual({ kind: "suffix", parent: "TC/2022/1", suffix: "Rev", number: 1 });
    expect(parseSymbol("TC/2022/L.1/Corr.2", null)).toEqual({ kind: "suffix", parent: "TC/2022/L.1", suffix: "Corr", number: 2 });
  });

  it("refuses symbols of another prefix, or of no series", () => {
    for (const bad of [
      "TC/2023/1",
      "TC/2022",
      "TC/2022/0",
      "TC/2022/L.0",
      "TC/2022/X.1",
      "TC/2022/1/2",
      "TC/2022/Rev",
      "TC/2022/l.1",
      "TC/2022/1/rev.1",
      "Rev.1",
      "",
    ]) {
      expect(parseSymbol(bad, "TC/2022"), bad).toBeNull();
    }
    expect(parseSymbol("TC/2022/1", null)).toBeNull();
    expect(parseSymbol(`TC/2022/${"1".repeat(70)}`, "TC/2022")).toBeNull();
  });

  it("proposes the number after the highest taken", () => {
    expect(nextNumber([])).toBe(1);
    expect(nextNumber([1, 2, 3])).toBe(4);
    expect(nextNumber([1, 5])).toBe(6);
  });

  it("puts a symbol in a path segment by segment, so no segment looks like a language", () => {
    expect(symbolPath("TC/2022/1/Rev.1")).toBe("TC/2022/1/Rev.1");
    for (const symbol of ["TC/2022/1", "TC/2022/L.1", "TC/2022/INF.1", "TC/2022/1/Corr.1", "ECE/TRANS/WP.29/1/Add.1"]) {
      for (const segment of symbol.split("/")) expect(segment).not.toMatch(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/);
    }
  });
});
