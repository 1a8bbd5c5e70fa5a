/**
 * Rendered public pages and feeds, kept in memory for anonymous readers. Any successful write
 * clears it (see app.ts); with several instances on one PostgreSQL the clear travels by NOTIFY.
 */
export class PageCache {
  private entries = new Map<string, { body: Uint8Array; headers: Record<string, string>; status: number }>();
  private readonly maxEntries: number;
  generation = 0;

  constructor(maxEntries = 2000) {
    this.maxEntries = maxEntries;
  }

  get(key: string) {
    return this.entries.get(key);
  }

  set(key: string, generation: number, value: { body: Uint8Array; headers: Record<string, string>; status: number }) {
    // A write during rendering makes the page stale before it is stored: drop it.
    if (generation !== this.generation) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }

  clear() {
    this.generation++;
    this.entries.clear();
  }
}
