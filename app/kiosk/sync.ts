// The kiosk's conversation with the server: pull the roster, keys and revocations since its cursors, push
// its queued scans oldest first with their nonces, fetch photos while online. Any failure means "offline":
// the queue stays, and the next attempt sends it again (a retry is harmless: the nonce makes it a no-op).
// The one exception is a batch the server refuses whole (422, 413): sending it again would fail the same
// way forever, so the kiosk narrows it down and sets the scan it cannot take aside (KioskState.rejected).
import type { KioskState, QueuedScan, SyncPayload } from "../../features/checkin/kiosk-state.ts";
import type { ScanReceipt } from "../../features/checkin/record-scans.ts";
import { kioskStore } from "./store.ts";

export class KioskGone extends Error {}

/** A request with the kiosk's token; a 401 means the kiosk was withdrawn. */
async function request(token: string, path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(path, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` }, cache: "no-store" });
  if (response.status === 401) throw new KioskGone("this kiosk was withdrawn");
  return response;
}

async function call(token: string, path: string, init: RequestInit = {}): Promise<Response> {
  const response = await request(token, path, init);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response;
}

export async function pull(state: KioskState, token: string): Promise<void> {
  for (let more = true; more; ) {
    const response = await call(token, `/api/v1/kiosk/sync?${state.syncQuery()}`);
    more = state.applySync((await response.json()) as SyncPayload, new Date());
    await kioskStore.save(state.snapshot());
  }
}

export function push(state: KioskState, token: string): Promise<ScanReceipt[]> {
  const send = (scans: QueuedScan[]) =>
    request(token, "/api/v1/kiosk/scans", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scans }) });
  return pushQueue(state, send, () => kioskStore.save(state.snapshot()));
}

/** Statuses by which the server refuses a batch for what it holds: the same batch would never pass. */
const refusedWhole = new Set([413, 422]);

/**
 * Sends the queue in batches, oldest first, saving the state after each answer; the tests run it against
 * the server with their own `send`. Throws (offline) on any other failure, the queue kept as it was.
 */
export async function pushQueue(state: KioskState, send: (scans: QueuedScan[]) => Promise<Response>, save: () => Promise<unknown>): Promise<ScanReceipt[]> {
  const receipts: ScanReceipt[] = [];
  while (state.queue.length > 0) {
    const batch = state.nextBatch(200);
    const response = await send(batch);
    if (refusedWhole.has(response.status)) {
      state.rejected(batch);
      await save();
      continue;
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = (await response.json()) as { receipts: ScanReceipt[] };
    state.acknowledge(body.receipts.map((r) => r.nonce));
    await save();
    receipts.push(...body.receipts);
  }
  return receipts;
}

/** Photos of the people this door admits, kept for offline use; a few at a time, those missing only. */
export async function fetchPhotos(state: KioskState, token: string, limit = 200): Promise<void> {
  const wanted = [...state.roster].filter(([, entry]) => entry.photo).map(([id]) => id);
  let fetched = 0;
  for (const id of wanted) {
    if (fetched >= limit) return;
    if (await kioskStore.photo(id)) continue;
    const response = await fetch(`/api/v1/kiosk/photos/${id}`, { headers: { authorization: `Bearer ${token}` } }).catch(() => null);
    if (!response?.ok) continue;
    await kioskStore.setPhoto(id, await response.blob());
    fetched++;
  }
}
