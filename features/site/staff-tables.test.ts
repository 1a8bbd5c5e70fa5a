import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTableQuery, shapeTable } from "../../app/table.ts";
import { makeDelegation, makeEvent } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { staff } from "../../test/staff.ts";

describe("one way to search, sort and page a staff table (app/table.ts)", () => {
  const rows = ["Сергей Иванов", "Zoë Adams", "Émile Côté", "anna Berg", "Олег Петров"].map((name, i) => ({ name, n: i }));
  const spec = { sorts: { name: (r: { name: string }) => r.name, n: (r: { n: number }) => r.n }, search: (r: { name: string }) => [r.name], pageSize: 2 };

  it("finds a name across scripts, case and accents", () => {
    expect(shapeTable(rows, "http://x/?q=sergei", "en", spec).rows.map((r) => r.name)).toEqual(["Сергей Иванов"]);
    expect(shapeTable(rows, "http://x/?q=COTE", "en", spec).rows.map((r) => r.name)).toEqual(["Émile Côté"]);
  });

  it("sorts in the reader's language and pages", () => {
    const ru = shapeTable(rows, "http://x/?sort=name&page=3", "ru", spec);
    expect(ru.pages).toBe(3);
    expect(ru.rows).toHaveLength(1);
    const all = shapeTable(rows, "http://x/?sort=name", "ru", { ...spec, pageSize: 10 }).rows.map((r) => r.name);
    // Russian order: Cyrillic first, then Latin.
    expect(all).toEqual(["Олег Петров", "Сергей Иванов", "anna Berg", "Émile Côté", "Zoë Adams"]);
    const en = shapeTable(rows, "http://x/?sort=name&dir=desc", "en", { ...spec, pageSize: 10 }).rows.map((r) => r.name);
    expect(en.slice(-3)).toEqual(["Zoë Adams", "Émile Côté", "anna Berg"]);
  });

  it("takes a hand-edited address as the default view, never an error", () => {
    expect(readTableQuery("http://x/?sort=drop%20table&dir=sideways&page=-4", ["name", "n"])).toEqual({ q: "", sort: "name", dir: "asc", page: 1 });
    const far = shapeTable(rows, "http://x/?page=999999", "en", spec);
    expect(far.page).toBe(3);
    expect(far.rows).toHaveLength(1);
  });
});

describe("the delegations table through the page", () => {
  let app: TestServer;
  beforeAll(async () => {
    app = await startTestServer({ demo: false });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("searches, sorts by a header link, says how many it found, and works without JavaScript", async () => {
    const { event, owner } = await makeEvent(app.services.db, { languages: ["en", "ru"] });
    for (const [en, ru, quota] of [
      ["Republic of Kazakhstan", "Республика Казахстан", 12],
      ["Kyrgyz Republic", "Кыргызская Республика", 10],
      ["Turkmenistan", "Туркменистан", 8],
    ] as const) {
      await makeDelegation(app.services.db, event, owner.id, { name: { en, ru }, quota });
    }
    const organiser = await staff(app, { email: `owner-${event.slug}@example.org`, role: "owner", eventId: event.id });
    const page = async (query: string) => {
      const res = await organiser.get(`/admin/e/${event.slug}/delegations${query}`);
      expect(res.status, query).toBe(200);
      const html = await res.text();
      // The table alone (the page also offers a list of States to pick from).
      return (
        html.slice(html.indexOf('<section class="table-scroll"'), html.indexOf("</table>") + 40) +
        html.slice(html.indexOf("</table>"), html.indexOf("</table>") + 400)
      );
    };
    const found = await page("?q=%D0%BA%D0%B0%D0%B7%D0%B0%D1%85");
    expect(found).toContain("Republic of Kazakhstan");
    expect(found).not.toContain("Turkmenistan");
    expect(found).toContain("1 row found of 3");
    const byQuota = await page("?sort=quota&dir=desc");
    expect(byQuota.indexOf("Republic of Kazakhstan")).toBeLessThan(byQuota.indexOf("Turkmenistan"));
    expect(byQuota).toMatch(/<th scope="col" aria-sort="descending"><a[^>]*href="[^"]*sort=quota&amp;dir=asc"/);
    // The table scrolls inside its own region, which the keyboard can reach.
    expect(byQuota).toMatch(/^<section class="table-scroll" aria-label="Delegations" tabindex="0">/);
    expect(await page("?sort=%3Cscript%3E&page=abc&dir=up")).toContain("3 rows");
    // A new search keeps the rest of the view (the language, the order) and starts on page 1.
    const form = await (await organiser.get(`/admin/e/${event.slug}/delegations?lang=ru&sort=quota&page=2&q=x`)).text();
    const search = form.slice(form.indexOf('class="table-search"'), form.indexOf("</form>", form.indexOf('class="table-search"')));
    expect(search).toContain('<input type="hidden" name="lang" value="ru"/>');
    expect(search).toContain('<input type="hidden" name="sort" value="quota"/>');
    expect(search).not.toContain('name="page"');
    expect(search).toContain("Поиск");
  });
});
