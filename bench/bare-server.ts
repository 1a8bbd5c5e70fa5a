/** The floor for bench/run.ts: a bare node:http server answering every request with fixed bytes and headers. */

import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const { body, headers } = JSON.parse(readFileSync(process.env.BARE_RESPONSE!, "utf8")) as { body: string; headers: Record<string, string> };
const bytes = Buffer.from(body, "base64");
const server = createServer((_req, res) => {
  res.writeHead(200, { ...headers, "content-length": bytes.length });
  res.end(bytes);
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`bare server on ${process.env.PORT}`));
process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
});
