import type { TestServer } from "./server.ts";

export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

export interface LiveStream {
  response: Response;
  events: SseEvent[];
  /** Comment lines (heartbeats). */
  comments: string[];
  /** The first event (already received or still to come) that matches, else an error after `timeoutMs`. */
  next(match: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  /** The n-th comment line, waited for like `next`. */
  comment(n: number, timeoutMs?: number): Promise<string>;
  close(): void;
}

/** Opens a server-sent events stream as a browser's EventSource would, parsing it as it arrives. */
export async function openLive(app: TestServer, path: string, headers: Record<string, string> = {}): Promise<LiveStream> {
  const abort = new AbortController();
  const response = await app.fetch(path, { headers: { accept: "text/event-stream", ...headers }, signal: abort.signal });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const w of waiters) w();
  };
  if (response.ok && response.body) {
    void (async () => {
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event: SseEvent = { id: null, event: "message", data: "" };
            const data: string[] = [];
            let isEvent = false;
            for (const line of block.split("\n")) {
              if (line.startsWith(":")) comments.push(line.slice(1).trim());
              else if (line.startsWith("id: ")) {
                event.id = line.slice(4);
                isEvent = true;
              } else if (line.startsWith("event: ")) event.event = line.slice(7);
              else if (line.startsWith("data: ")) {
                data.push(line.slice(6));
                isEvent = true;
              }
            }
            event.data = data.join("\n");
            if (isEvent) events.push(event);
            changed();
          }
        }
      } catch {
        // Closed by the test (abort) or by the server.
      }
    })();
  }
  const waitFor = <T>(find: () => T | undefined, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found === undefined) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${what} within ${timeoutMs} ms; events so far: ${JSON.stringify(events)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return {
    response,
    events,
    comments,
    next: (match, timeoutMs = 1_000) => waitFor(() => events.find(match), timeoutMs, "matching event"),
    comment: (n, timeoutMs = 1_000) => waitFor(() => comments[n], timeoutMs, `comment #${n}`),
    close: () => abort.abort(),
  };
}

/** Data of a `message` event, parsed: `{ topic, data }`. */
export const payload = <T = Record<string, unknown>>(event: SseEvent) => JSON.parse(event.data) as { topic: string; data: T };

/** Waits until `check` holds (a count that settles asynchronously). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 2_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
