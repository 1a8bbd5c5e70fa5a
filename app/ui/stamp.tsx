import type { ReactNode } from "react";

/**
 * A date or time as the server formatted it. Node's ICU data and the browser's can differ (Uzbek month
 * names, the spaces around a range), and hydration must not see the browser's own rendering as a change:
 * React keeps the server's text here.
 */
export function Stamp({ at, children }: { at: Date | string | number | null | undefined; children: ReactNode }) {
  const iso = at === null || at === undefined ? undefined : new Date(at).toISOString();
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {children}
    </time>
  );
}
