import { readFileSync } from "node:fs";
import { spawnApp, stop } from "./lib.ts";

const dir = "/tmp/listdb";
const cookie = readFileSync(dir + "/cookie", "utf8");
const { child, url } = await spawnApp(dir, {}, []);
const list = process.env.P ?? "/admin/e/tashkent-2022/registrations";
const ticks = () => {
  const f = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1].split(" ");
  return Number(f[11]) + Number(f[12]);
};
const run = async (n: number) => {
  for (let i = 0; i < n; i++) {
    const r = await fetch(url + list, { headers: { cookie } });
    await r.arrayBuffer();
  }
};
await run(300);
for (let round = 0; round < 3; round++) {
  const a = ticks();
  const t = performance.now();
  await run(400);
  const b = ticks();
  console.log(`round ${round}: ${(((b - a) * 10) / 400).toFixed(2)} ms CPU/request, ${((performance.now() - t) / 400).toFixed(2)} ms wall`);
}
await stop(child);
