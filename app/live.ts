// The browser's end of the live channel (features/live/routes.ts): server-sent events of an event's topics.
import { useCallback, useEffect, useRef } from "react";
import { useActionData, useLocation, useNavigation, useRevalidator } from "react-router";
import type { LiveMessage, LiveTopic } from "../features/live/topics.ts";

export interface LiveHandlers {
  message(message: LiveMessage): void;
  /** Messages were missed (too many, too old, or the stream was reopened from scratch): reload what is shown. */
  reset?(): void;
}

export function liveUrl(slug: string, topics: readonly LiveTopic[], since?: number | null, ticket?: string): string {
  const query = new URLSearchParams({ topics: topics.join(",") });
  if (since !== null && since !== undefined) query.set("since", String(since));
  // A page reached through a personal link follows with a ticket (features/live/ticket.ts), never the link.
  if (ticket) query.set("ticket", ticket);
  return `/api/v1/events/${encodeURIComponent(slug)}/live?${query}`;
}

/**
 * Follows `topics` of the event until the returned function is called. EventSource reconnects by itself
 * after a dropped connection, sending Last-Event-ID so the server replays what was missed. It gives up
 * when the server answers with an error (a restart behind a proxy answering 502, a session that expired):
 * then a new one is opened after a growing pause, from the last position seen. `since` is the position the
 * page was rendered at (the loader's `currentSeq`): what happened between the render and the stream's
 * opening is replayed too.
 */
export function followLive(
  slug: string,
  topics: readonly LiveTopic[],
  handlers: LiveHandlers,
  since: number | null = null,
  ticket?: () => string | undefined,
): () => void {
  let source: EventSource | null = null;
  let last: number | null = since;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const open = () => {
    const reopened = source !== null;
    const opened = new EventSource(liveUrl(slug, topics, last, ticket?.()));
    source = opened;
    opened.addEventListener("ready", (event) => {
      failures = 0;
      const known = last;
      last = Number((event as MessageEvent<string>).data);
      // Opened from scratch after a failure: what happened in between is unknown.
      if (reopened && known === null) handlers.reset?.();
    });
    opened.addEventListener("reset", (event) => {
      last = Number((event as MessageEvent<string>).lastEventId) || last;
      handlers.reset?.();
    });
    opened.addEventListener("message", (event) => {
      const { topic, data } = JSON.parse(event.data) as Pick<LiveMessage, "topic" | "data">;
      last = Number(event.lastEventId);
      handlers.message({ seq: last, topic, data } as LiveMessage);
    });
    opened.addEventListener("error", () => {
      if (stopped || opened.readyState !== EventSource.CLOSED) return;
      failures++;
      retry = setTimeout(open, Math.min(1_000 * 2 ** failures, 60_000));
    });
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(retry);
    source?.close();
  };
}

/**
 * `followLive` for a hydrated page, from mount to unmount. The handlers may change between renders
 * without reopening the stream; a change of event or topics does reopen it.
 */
export function useLive<T extends LiveTopic>(
  slug: string,
  topics: readonly T[],
  onMessage: (message: LiveMessage<T>) => void,
  options: { onReset?: () => void; since?: number | null; ticket?: string } = {},
): void {
  const { onReset, since = null, ticket } = options;
  const latest = useRef({ onMessage, onReset, ticket });
  latest.current = { onMessage, onReset, ticket };
  // The position of the first render only: a revalidated loader must not reopen the stream.
  const from = useRef(since);
  const key = topics.join(",");
  useEffect(
    () =>
      followLive(
        slug,
        key.split(",") as LiveTopic[],
        {
          message: (m) => latest.current.onMessage(m as LiveMessage<T>),
          reset: () => latest.current.onReset?.(),
        },
        from.current,
        // The newest ticket the page was given: a stream reopened hours later does not use an expired one.
        () => latest.current.ticket,
      ),
    [slug, key],
  );
}

/**
 * Reloads the page's data when told something changed, without interrupting a form being sent: a message
 * arriving meanwhile is kept, and the page reloads once the form's answer has landed. (Revalidating in the
 * middle of a submission aborts it, and the browser then reports an uncaught AbortError.)
 */
export function useRefreshWhenIdle(): () => void {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const state = useRef({ busy, pending: false });
  state.current.busy = busy;
  useEffect(() => {
    if (!busy && state.current.pending) {
      state.current.pending = false;
      void revalidator.revalidate().catch(() => {});
    }
  }, [busy, revalidator]);
  return useCallback(() => {
    if (state.current.busy) state.current.pending = true;
    else void revalidator.revalidate().catch(() => {});
  }, [revalidator]);
}

/**
 * The answer of the page's last submit, kept while live messages reload the page's data. React Router
 * forgets an action's data on any later revalidation, so without this the confirmation of a change
 * vanished as soon as the change itself came back over the live channel. It is dropped when the person
 * goes to another page (a new location key), as `useActionData` would.
 */
export function useKeptActionData<T>(): T | undefined {
  const data = useActionData() as T | undefined;
  const { key } = useLocation();
  const kept = useRef<{ key: string; data: T } | null>(null);
  if (data !== undefined) kept.current = { key, data };
  else if (kept.current && kept.current.key !== key) kept.current = null;
  return kept.current?.data;
}
