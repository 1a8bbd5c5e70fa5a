// The kiosk's state on its own, as the kiosk page drives it: overrides of a refusal sent or not, codes and
// reasons cut to what the server takes, a batch the server refuses whole, and what a repeated entry says.
import { describe, expect, it } from "vitest";
import { pushQueue } from "../../app/kiosk/sync.ts";
import { KioskState, type QueuedScan, type SyncPayload, storable } from "./kiosk-state.ts";
import { maxCodeLength, maxOverrideReasonLength } from "./vocabulary.ts";

const listId = 7;

function kiosk(): KioskState {
  const state = new KioskState(() => true);
  const payload: SyncPayload = {
    serverTime: new Date().toISOString(),
    kiosk: { id: 1, name: "Gate A" },
    event: { id: 1, timezone: "UTC", title: { en: "Event" }, languages: ["en"] },
    list: { id: listId, name: { en: "Main entrance" }, direction: "entry", categoryIds: [], windows: [] },
    categories: [],
    keys: [],
    roster: { entries: [], cursor: null, more: false },
    revocations: { revocations: [], cursor: 0, more: false },
  };
  state.applySync(payload, new Date());
  return state;
}

const at = (seconds: number) => new Date(Date.UTC(2026, 4, 12, 8, 0, seconds));

describe("an operator's override of a refusal", () => {
  it("is recorded when the refused scan was already sent: a new scan of the same code, with its own nonce", () => {
    const state = kiosk();
    const { scan } = state.scan("NOT A BADGE", at(0));
    state.acknowledge(state.nextBatch().map((s) => s.nonce));
    expect(state.queue).toEqual([]);
    const override = state.override(scan.nonce, "  Lost badge, ID checked  ", at(30));
    expect(state.queue).toEqual([override]);
    expect(override).toMatchObject({
      code: "NOT A BADGE",
      shown: "overridden",
      shownReason: "unreadable",
      overrideReason: "Lost badge, ID checked",
      scannedAt: at(30).toISOString(),
    });
    expect(override.nonce).not.toBe(scan.nonce);
    expect(scan.shown).toBe("refused");
  });

  it("survives the refused scan's receipt arriving after it: the scan on its way is not changed", () => {
    const state = kiosk();
    const { scan } = state.scan("NOT A BADGE", at(0));
    const inFlight = state.nextBatch();
    const sent = JSON.stringify(inFlight);
    state.override(scan.nonce, "Speaker", at(5));
    // The same nonce must stay the same scan: what was sent is what a retry would send.
    expect(JSON.stringify(inFlight)).toBe(sent);
    state.acknowledge(inFlight.map((s) => s.nonce));
    expect(state.queue).toHaveLength(1);
    expect(state.queue[0]).toMatchObject({ shown: "overridden", overrideReason: "Speaker" });
  });

  it("is only of the refused scan on screen, once, with a reason", () => {
    const state = kiosk();
    const first = state.scan("NOT A BADGE", at(0)).scan;
    const second = state.scan("NOR THIS", at(1)).scan;
    expect(() => state.override(first.nonce, "Speaker", at(2))).toThrow();
    expect(() => state.override(second.nonce, "   ", at(2))).toThrow();
    state.override(second.nonce, "Speaker", at(2));
    expect(() => state.override(second.nonce, "Speaker", at(3))).toThrow();
    expect(state.queue.filter((s) => s.shown === "overridden")).toHaveLength(1);
  });

  it("keeps at most the reason's limit", () => {
    const state = kiosk();
    const { scan } = state.scan("NOT A BADGE", at(0));
    const override = state.override(scan.nonce, `  ${"x".repeat(maxOverrideReasonLength + 100)}`, at(1));
    expect(override.overrideReason).toHaveLength(maxOverrideReasonLength);
  });
});

describe("what a kiosk queues", () => {
  it("cuts an over-long code to the server's limit, and refuses it as not a badge", () => {
    const state = kiosk();
    const { decision, scan } = state.scan("A".repeat(5000), at(0));
    expect(decision).toMatchObject({ ok: false, reason: "unreadable" });
    expect(scan.code).toBe("A".repeat(maxCodeLength));
  });

  it("holds no text the server refuses: no NUL, no half of a surrogate pair, none made by the cut", () => {
    expect(storable("a\u0000b\ud800c", 10)).toBe("a\uFFFDb\uFFFDc");
    expect(storable(`${"a".repeat(399)}😀`, 400)).toBe("a".repeat(399));
    expect(storable("😀😀", 4)).toBe("😀😀");
  });
});

/** A server that refuses with a 422 every batch holding a scan of 1970 (as scanInput does) and stores the rest. */
function server(requests: QueuedScan[][]) {
  return async (scans: QueuedScan[]) => {
    requests.push(scans);
    if (scans.some((s) => s.scannedAt.startsWith("1970"))) return new Response("{}", { status: 422 });
    const receipts = scans.map((s) => ({ nonce: s.nonce, verdict: "refused", reason: "unreadable", duplicateOf: null }));
    return Response.json({ receipts });
  };
}

describe("a batch the server refuses whole", () => {
  it("does not block the queue: the scan it cannot take is found, set aside and kept; the others are sent", async () => {
    const state = kiosk();
    for (let i = 0; i < 300; i++) state.scan(`CODE ${i}`, i === 150 ? new Date(Date.UTC(1970, 0, 1)) : at(i));
    const requests: QueuedScan[][] = [];
    const receipts = await pushQueue(state, server(requests), async () => {});
    expect(receipts).toHaveLength(299);
    expect(state.queue).toEqual([]);
    expect(state.setAside.map((s) => s.code)).toEqual(["CODE 150"]);
    // Found by halves, never the same refused batch twice.
    expect(requests.length).toBeLessThan(15);
    const refused = requests.filter((r) => r.some((s) => s.code === "CODE 150")).map((r) => r.length);
    expect(new Set(refused).size).toBe(refused.length);
    // A new start tries it once more, behind the queue.
    const restarted = KioskState.restore(JSON.parse(JSON.stringify(state.snapshot())), () => true);
    expect(restarted.queue.map((s) => s.code)).toEqual(["CODE 150"]);
    expect(restarted.setAside).toEqual([]);
  });

  it("keeps the queue as it was on any other failure (offline)", async () => {
    const state = kiosk();
    state.scan("CODE", at(0));
    await expect(
      pushQueue(
        state,
        async () => new Response("", { status: 503 }),
        async () => {},
      ),
    ).rejects.toThrow();
    expect(state.queue).toHaveLength(1);
    expect(state.setAside).toEqual([]);
  });
});

describe("a repeated entry", () => {
  const receipt = (repeatAt: number | null, nonce = "on-screen") => ({ nonce, duplicateOf: repeatAt === null ? null : { listId: repeatAt } });

  it("is said to be of this door when this door let the badge in before, of another otherwise", () => {
    const state = kiosk();
    expect(state.repeatedAt([receipt(null)], "on-screen")).toBeNull();
    expect(state.repeatedAt([receipt(null, "earlier"), receipt(listId)], "on-screen")).toBe("here");
    expect(state.repeatedAt([receipt(listId + 1)], "on-screen")).toBe("elsewhere");
    const restored = KioskState.restore(JSON.parse(JSON.stringify(state.snapshot())), () => true);
    expect(restored.repeatedAt([receipt(listId)], "on-screen")).toBe("here");
  });

  it("speaks of the scan on the guard's screen only, not of others sent in the same batch", () => {
    const state = kiosk();
    // After an offline spell: an earlier scan repeats an entry, the one on screen does not.
    expect(state.repeatedAt([receipt(listId, "earlier"), receipt(null, "on-screen")], "on-screen")).toBeNull();
    expect(state.repeatedAt([receipt(listId, "earlier")], null)).toBeNull();
  });
});
