import { readFileSync } from "node:fs";
import { spawnApp, stop } from "./lib.ts";
import { wrk } from "./wrk.ts";

const dir = "/tmp/listdb";
const cookie = readFileSync(dir + "/cookie", "utf8");
const seconds = Number(process.env.S ?? 8);
const { child, url } = await spawnApp(dir, {}, process.env.NODE_EXTRA ? process.env.NODE_EXTRA.split(" ") : []);
const list = "/admin/e/tashkent-2022/registrations";
const paths = [list, `${list}?sort=name`, `${list}?q=Testov`];
for (const p of paths) await wrk({ url: url + p, connections: 10, seconds: 2, threads: 1, headers: { cookie } });
for (let round = 0; round < Number(process.env.R ?? 2); round++) {
  for (const c of [10, 1]) {
    const r = await wrk({ url: url + list, connections: c, seconds, threads: 1, headers: { cookie } });
    console.log(`round ${round} conns ${c}: ${r.rps.toFixed(0)} req/s p50 ${r.p50.toFixed(1)} p99 ${r.p99.toFixed(1)}`);
  }
}
const body = await (await fetch(url + list, { headers: { cookie } })).text();
console.log("bytes", Buffer.byteLength(body));
if (process.env.SAVE) (await import("node:fs")).writeFileSync(process.env.SAVE, body);
await stop(child);
