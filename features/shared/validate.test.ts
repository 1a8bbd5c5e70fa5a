import { describe, expect, it } from "vitest";
import { type Actor, can } from "../access/policy.ts";
import { formToObject, toId } from "./validate.ts";

const form = (pairs: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of pairs) data.append(k, v);
  return data;
};

describe("formToObject", () => {
  it("nests dotted names and collects [] names", () => {
    expect(
      formToObject(
        form([
          ["title.en", "A"],
          ["title.ru", "Б"],
          ["ids[]", "1"],
          ["ids[]", "2"],
          ["x", "y"],
        ]),
      ),
    ).toEqual({ title: { en: "A", ru: "Б" }, ids: ["1", "2"], x: "y" });
  });

  it("never reaches a prototype, so a form cannot grant itself rights", () => {
    const out = formToObject(
      form([
        ["__proto__.token", "write"],
        ["a.__proto__.token", "write"],
        ["constructor.prototype.token", "write"],
        ["b.constructor", "x"],
      ]),
    );
    expect(out).toEqual({});
    expect(({} as { token?: string }).token).toBeUndefined();
    const nobody: Actor = { userId: 1, isAdmin: false, role: null, sideEventIds: [] };
    expect(can(nobody, "registrations.read")).toBe(false);
  });

  it("ignores a name nested inside a value already given, instead of throwing", () => {
    expect(
      formToObject(
        form([
          ["a", "text"],
          ["a.b", "x"],
          ["c[]", "1"],
          ["c.d", "2"],
        ]),
      ),
    ).toEqual({ a: "text", c: ["1"] });
  });
});

describe("toId", () => {
  it.each([
    ["12", 12],
    [7, 7],
    ["0", null],
    ["-1", null],
    ["1e3", null],
    ["2147483648", null],
    [undefined, null],
    ["abc", null],
  ])("%s → %s", (value, id) => {
    expect(toId(value)).toBe(id);
  });
});
