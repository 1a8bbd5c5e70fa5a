import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { getEventBySlug } from "../events/queries.ts";
import { createLink } from "../registration/links/links.ts";
import { participants } from "../registration/schema.ts";
import { officeText } from "./office-text.ts";

// The demo conference's library: its concept note public, its note for participants through a personal link.
let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app?.stop();
});

describe("the demo's documents", () => {
  it("issues the concept note publicly and the information note to accredited participants, in English and Russian", async () => {
    const list = await (await app.fetch("/ru/e/tashkent-2022/documents")).text();
    expect(list).toContain("TC/2022/1");
    expect(list).toContain("Концептуальная записка");
    expect(list).not.toContain("TC/2022/INF.1");
    const docx = await app.fetch("/ru/e/tashkent-2022/documents/TC/2022/1/ru");
    expect(docx.status).toBe(200);
    const text = await officeText(new Uint8Array(await docx.arrayBuffer()), "docx", 10_000);
    expect(text).toContain("TC/2022/1");
    expect(text).toContain("Язык оригинала: английский");
    expect(text).toContain("## Цели".slice(3));
    expect(text).not.toContain("](");
    expect((await app.fetch("/en/e/tashkent-2022/documents/TC/2022/INF.1/en")).status).toBe(404);

    const event = await getEventBySlug(app.services.db, "tashkent-2022");
    const [approved] = await app.services.db
      .select()
      .from(participants)
      .where(and(eq(participants.eventId, event.id), eq(participants.status, "approved")))
      .limit(1);
    const token = await createLink(app.services.db, {
      eventId: event.id,
      purpose: "participant",
      participantId: approved.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const mine = await (await app.fetch(`/en/e/tashkent-2022/my/${token}/library`)).text();
    expect(mine).toContain("TC/2022/INF.1");
    expect((await app.fetch(`/en/e/tashkent-2022/my/${token}/library/TC/2022/INF.1/en`)).status).toBe(200);
    const found = await (await app.fetch(`/en/e/tashkent-2022/my/${token}/library?q=${encodeURIComponent("бейдж")}`)).text();
    expect(found).toContain("TC/2022/INF.1");
    // The concept note page points at the document.
    expect(await (await app.fetch("/en/e/tashkent-2022/pages/concept-note")).text()).toContain('href="/en/e/tashkent-2022/documents/TC/2022/1"');
  });
});
