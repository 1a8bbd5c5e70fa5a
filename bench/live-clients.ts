/**
 * Followers of the live channel for bench/live.ts, in a process of their own (started with `fork`): plain
 * node:http requests, one socket each, reading `text/event-stream` as it comes. Told by message what to open;
 * answers "ready" once every stream has had its `event: ready`, and on "report" the moment (ms since the epoch,
 * sub-millisecond) each message number reached each stream.
 */
import http from "node:http";

interface Open {
  url: string;
  count: number;
  /** One stream per address instead (each follower with a ticket of their own); `count` is then their number. */
  urls?: string[];
}

const now = () => performance.timeOrigin + performance.now();
/** message number → arrival times, one per stream that received it. */
const arrivals = new Map<number, number[]>();
/** The amendment a message is about, when it is one (the negotiation bench matches it with its submission). */
const amendmentOf = new Map<number, number>();
const requests: http.ClientRequest[] = [];
let ready = 0;
let failed = 0;

function follow(url: string, total: number) {
  const req = http.get(url, { agent: false, headers: { accept: "text/event-stream" } }, (res) => {
    if (res.statusCode !== 200) {
      failed++;
      res.resume();
      return;
    }
    res.setEncoding("utf8");
    let buffer = "";
    res.on("data", (chunk: string) => {
      const at = now();
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.includes("event: ready")) {
          if (++ready === total) process.send!({ type: "ready" });
        } else if (block.startsWith("id: ") && block.includes("\ndata: {")) {
          const seq = Number(block.slice(4, block.indexOf("\n")));
          let list = arrivals.get(seq);
          if (!list) arrivals.set(seq, (list = []));
          list.push(at);
          const amendment = /"amendmentId":(\d+)/.exec(block);
          if (amendment && /"kind":"amendment"/.test(block)) amendmentOf.set(seq, Number(amendment[1]));
        }
      }
    });
  });
  req.on("error", () => {
    failed++;
  });
  requests.push(req);
}

process.on("message", (message: ({ type: "open" } & Open) | { type: "report" } | { type: "close" }) => {
  if (message.type === "open") {
    if (message.urls) for (const url of message.urls) follow(url, message.urls.length);
    else for (let i = 0; i < message.count; i++) follow(message.url, message.count);
  } else if (message.type === "report") {
    process.send!({ type: "report", arrivals: Object.fromEntries(arrivals), amendments: Object.fromEntries(amendmentOf), failed, ready });
  } else {
    for (const req of requests) req.destroy();
    process.exit(0);
  }
});
