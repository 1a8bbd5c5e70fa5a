import { createContext, type RouterContext } from "react-router";
import type { SignedInUser } from "../features/access/load-actor.ts";
import type { Services } from "../features/shared/services.ts";

export interface RequestState {
  user: SignedInUser | null;
  sessionToken: string | undefined;
  csrf: string | null;
  /** Address of the client, for rate limits (never logged). */
  client: string;
  /**
   * A GET or HEAD of a public page, by anyone: its public data may be read from the page cache's shared
   * reads (server/page-cache.ts), which a write to the event clears with its pages on every instance.
   */
  sharedReads?: boolean;
  /** The nonce of this answer's scripts (staff pages only; server/app.ts puts it in the CSP header). */
  nonce?: string;
  /**
   * Set when a loader or action failed because the database was away (server/app.ts answers 503), or
   * because it refused a value the request carried (answered 400).
   */
  failure?: "database" | "value";
}

// The server entry and the Vite-built route bundle each load this module; the keys must be one object.
const shared = globalThis as typeof globalThis & {
  __plenaryServices?: RouterContext<Services>;
  __plenaryRequest?: RouterContext<RequestState>;
};
export const servicesContext = (shared.__plenaryServices ??= createContext<Services>());
export const requestContext = (shared.__plenaryRequest ??= createContext<RequestState>());
