// The kiosk's conversation with the server: pull the roster, keys and revocations since its cursors, push
// its queued scans oldest first with their nonces, fetch photos while online. Any failure means "offline":
// the queue stays, and the next attempt sends it again (a retry is harmless: the nonce makes it a no-op).
import type { KioskState, SyncPayload } from "../../features/checkin/kiosk-state.ts";
import type { ScanReceipt } from "../../features/checkin/record-scans.ts";
import { kioskStore } from "./store.ts";

export class KioskGone extends Error {}

async function call(token: string, path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(path, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` }, cache: "no-store" });
  if (response.status === 401) throw new KioskGone("this kiosk was withdrawn");
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

export async function push(state: KioskState, token: string): Promise<ScanReceipt[]> {
  const receipts: ScanReceipt[] = [];
  while (state.queue.length > 0) {
    const batch = state.nextBatch(200);
    const response = await call(token, "/api/v1/kiosk/scans", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scans: batch }),
    });
    const body = (await response.json()) as { receipts: ScanReceipt[] };
    state.acknowledge(body.receipts.map((r) => r.nonce));
    await kioskStore.save(state.snapshot());
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
