// `npm run mail`: what the development SMTP sink caught, newest first. `npm run mail -- 5` shows five.
import path from "node:path";
import { readSink } from "../features/mail/sink.ts";

const dataDir = process.env.DATA_DIR || "./data";
const limit = Number(process.argv[2]) || 10;
const messages = await readSink(path.join(dataDir, "mail"), limit);
if (messages.length === 0) console.log(`No mail in ${path.join(dataDir, "mail")} yet.`);
for (const m of messages) {
  console.log(`── ${m.receivedAt}  to: ${m.to}${m.language ? `  [${m.language}]` : ""}\n   ${m.subject}\n`);
  console.log(m.text.replace(/^/gm, "   "));
  console.log();
}
