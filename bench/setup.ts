/**
 * What the page benchmarks need besides the demo: a second event (B) with a room, and a signed-in
 * organiser of B who saves that room through the venue form (a staff write that clears only B's pages).
 * Made with the project's own commands and test factories, in the app's database (for PGlite, while
 * the app is stopped: the embedded database belongs to one process).
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "../db/index.ts";
import { createAuthSession, csrfToken, newToken } from "../features/access/auth.ts";
import { saveEventPart } from "../features/events/save-parts.ts";
import { adminActor, makeEvent } from "../test/factories.ts";

export const pageA = "/ru/e/tashkent-2022/programme";
export const slugB = "bench-event-b";

export interface BenchStaff {
  slug: string;
  roomId: number;
  cookie: string;
  csrf: string;
}

export async function prepareEventB(database: Database, secret: string): Promise<BenchStaff> {
  const { event, owner } = await makeEvent(database.db, { slug: slugB, languages: ["en", "ru"] });
  const room = (await saveEventPart({ db: database.db, actor: adminActor(owner.id), now: new Date(), publicUrl: "http://localhost" }, "room", event, null, {
    name: { en: "Bench room", ru: "Зал" },
    capacity: "10",
  })) as { id: number };
  const token = await createAuthSession(database.db, owner.id);
  return { slug: event.slug, roomId: room.id, cookie: `plenary_session=${token}`, csrf: csrfToken(secret, token) };
}

/** The secret an embedded install keeps next to its data (server/start.ts). */
export const secretOf = (dataDir: string) => readFileSync(path.join(dataDir, "secret.key"), "utf8").trim();

/** A session cookie that looks like ours (43 characters of base64url) but names no session: no cache may serve it. */
export const garbageCookie = () => `plenary_session=${newToken()}`;

/** Saves B's room through its admin form, as an organiser's browser would; resolves to the status. */
export async function saveRoomB(url: string, staff: BenchStaff, n: number): Promise<number> {
  const form = new URLSearchParams({
    _csrf: staff.csrf,
    kind: "room",
    id: String(staff.roomId),
    "name.en": `Bench room ${n}`,
    "name.ru": `Зал ${n}`,
    capacity: String(10 + (n % 90)),
    intent: "save",
  });
  const res = await fetch(`${url}/admin/e/${staff.slug}/venue`, {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { cookie: staff.cookie, origin: url, "content-type": "application/x-www-form-urlencoded" },
  });
  await res.arrayBuffer();
  return res.status;
}

/** Writes to event B at `perSecond` until stopped; counts what succeeded. */
export function writeEventB(url: string, staff: BenchStaff, perSecond: number) {
  let n = 0;
  let ok = 0;
  let failed = 0;
  let inFlight = Promise.resolve();
  const timer = setInterval(() => {
    inFlight = saveRoomB(url, staff, n++).then(
      (status) => {
        if (status < 400) ok++;
        else failed++;
      },
      () => {
        failed++;
      },
    );
  }, 1000 / perSecond);
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
      return { ok, failed };
    },
  };
}

export const randomHex = () => randomBytes(8).toString("hex");
