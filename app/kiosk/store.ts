// The kiosk's own storage in the browser: IndexedDB, so the roster, the queue of scans and the photos
// survive a reload, a crash or a night without network. One database, two stores, plain IndexedDB.
import type { KioskSnapshot } from "../../features/checkin/kiosk-state.ts";

const dbName = "plenary-kiosk";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore("state");
      request.result.createObjectStore("photos");
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

let database: Promise<IDBDatabase> | undefined;

async function run<T>(store: "state" | "photos", mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  database ??= open();
  const db = await database;
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const request = work(tx.objectStore(store));
    // Resolved once the transaction is durable, not when the request succeeds: a scan is kept before it is shown as kept.
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export const kioskStore = {
  token: () => run<string | undefined>("state", "readonly", (s) => s.get("token")),
  setToken: (token: string) => run("state", "readwrite", (s) => s.put(token, "token")),
  snapshot: () => run<KioskSnapshot | undefined>("state", "readonly", (s) => s.get("snapshot")),
  save: (snapshot: KioskSnapshot) => run("state", "readwrite", (s) => s.put(snapshot, "snapshot")),
  photo: (participantId: number) => run<Blob | undefined>("photos", "readonly", (s) => s.get(participantId)),
  setPhoto: (participantId: number, blob: Blob) => run("photos", "readwrite", (s) => s.put(blob, participantId)),
  /** A device taken out of service: everything it held goes. */
  async clear() {
    await run("state", "readwrite", (s) => s.clear());
    await run("photos", "readwrite", (s) => s.clear());
  },
};
