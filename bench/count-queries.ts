/**
 * Bench only, never in the app: loaded into the app's process with `--import` (bench/pages.ts) to count the
 * statements it sends to its database. On SIGUSR2 it prints `QUERIES <n>` on stdout; the bench reads the
 * count before and after a series of requests.
 */
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

let count = 0;

function wrap(proto: object | null, names: string[]) {
  for (let p = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const name of names) {
      const own = Object.getOwnPropertyDescriptor(p, name);
      if (!own || typeof own.value !== "function") continue;
      const original = own.value as (...args: unknown[]) => unknown;
      Object.defineProperty(p, name, {
        ...own,
        value: function (this: unknown, ...args: unknown[]) {
          count++;
          return original.apply(this, args);
        },
      });
    }
  }
}

wrap(PGlite.prototype, ["query", "exec"]);
wrap(pg.Client.prototype, ["query"]);
process.on("SIGUSR2", () => console.log(`QUERIES ${count}`));
process.on("SIGUSR1", () => {
  const m = process.memoryUsage();
  const mb = (n: number) => (n / 1048576).toFixed(0);
  console.log(`MEMORY rss ${mb(m.rss)} heapTotal ${mb(m.heapTotal)} heapUsed ${mb(m.heapUsed)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}`);
});
