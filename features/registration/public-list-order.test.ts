import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDelegation, makeEvent, makeParticipant } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { events } from "../events/schema.ts";
import { participants } from "./schema.ts";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer({ demo: false });
});
afterAll(async () => {
  await app?.stop();
});

const order = (html: string, names: string[]) => names.filter((n) => html.includes(n)).sort((a, b) => html.indexOf(a) - html.indexOf(b));

describe("the public list of participants", () => {
  it("orders delegations by protocol, the same in every language, and people in the reader's alphabetical order", async () => {
    const db = app.services.db;
    const { event, owner } = await makeEvent(db, { languages: ["en", "ru"] });
    const states = [
      { en: "Switzerland", ru: "Швейцария" },
      { en: "Japan", ru: "Япония" },
      { en: "Germany", ru: "Германия" },
    ];
    for (const name of states) {
      await makeDelegation(db, event, owner.id, { name });
      for (const family of ["Zeller", "Abe"]) {
        const p = await makeParticipant(db, event, owner.id, { delegation: name.en, familyName: `${family} ${name.en}` }, { status: "approved" });
        await db.update(participants).set({ consentList: true }).where(eq(participants.id, p.id));
      }
    }
    for (const family of ["Ørsted", "Ohlsson", "Oz"]) {
      const p = await makeParticipant(db, event, owner.id, { familyName: family, category: "observer" }, { status: "approved" });
      await db.update(participants).set({ consentList: true }).where(eq(participants.id, p.id));
    }
    const page = async (lang: string) => (await app.fetch(`/${lang}/e/${event.slug}/participants`)).text();

    // English alphabetical by default, on the Russian page too.
    expect(order(await page("en"), ["Switzerland", "Japan", "Germany"])).toEqual(["Germany", "Japan", "Switzerland"]);
    expect(order(await page("ru"), ["Швейцария", "Япония", "Германия"])).toEqual(["Германия", "Япония", "Швейцария"]);
    // People: alphabetical within their delegation, and the rest in the reader's order (English sorts Ø with O;
    // a byte order would put it after Z).
    expect(order(await page("en"), ["Abe Japan", "Zeller Japan"])).toEqual(["Abe Japan", "Zeller Japan"]);
    expect(order(await page("en"), ["Ohlsson", "Ørsted", "Oz"])).toEqual(["Ohlsson", "Ørsted", "Oz"]);

    // Russian protocol order, chosen by the event: the same on both pages.
    await db.update(events).set({ protocolLanguage: "ru" }).where(eq(events.id, event.id));
    app.services.notifications.invalidate({ slug: event.slug });
    expect(order(await page("en"), ["Switzerland", "Japan", "Germany"])).toEqual(["Germany", "Switzerland", "Japan"]);
    expect(order(await page("ru"), ["Швейцария", "Япония", "Германия"])).toEqual(["Германия", "Швейцария", "Япония"]);
  });
});
