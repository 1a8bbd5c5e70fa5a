import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import type { RenderToPipeableStreamOptions } from "react-dom/server";
import { renderToPipeableStream } from "react-dom/server";
import { type EntryContext, type HandleErrorFunction, type RouterContextProvider, ServerRouter } from "react-router";
import { isDatabaseUnavailable, isRefusedValue } from "../db/unavailable.ts";
import { requestContext } from "./context.ts";

export const streamTimeout = 5_000;

/**
 * React Router's Node entry, with one difference: the scripts it streams into the page (hydration data)
 * carry the answer's CSP nonce, so staff pages hydrate under `script-src 'nonce-…'` (server/app.ts).
 */
export default function handleRequest(request: Request, status: number, headers: Headers, routerContext: EntryContext, loadContext: RouterContextProvider) {
  if (request.method.toUpperCase() === "HEAD") return new Response(null, { status, headers });
  const nonce = loadContext.get(requestContext).nonce;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    // Crawlers get the whole page at once.
    const readyOption: keyof RenderToPipeableStreamOptions = (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);
    const { pipe, abort } = renderToPipeableStream(<ServerRouter context={routerContext} url={request.url} nonce={nonce} />, {
      nonce,
      [readyOption]() {
        shellRendered = true;
        const body = new PassThrough({
          final(callback) {
            clearTimeout(timeoutId);
            timeoutId = undefined;
            callback();
          },
        });
        headers.set("Content-Type", "text/html");
        pipe(body);
        resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        status = 500;
        if (shellRendered) console.error(error);
      },
    });
  });
}

/**
 * Errors of loaders and actions. One that comes from losing the database is noted on the request, so that
 * server/app.ts answers 503 (the next requests succeed once it is back) instead of 500; one of the database
 * refusing a value the request carried, so that it answers 400 (not logged: the error quotes the values).
 * The rest are logged.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  const failure = isDatabaseUnavailable(error) ? "database" : isRefusedValue(error) ? "value" : undefined;
  if (failure) {
    const state = (context as RouterContextProvider | undefined)?.get(requestContext);
    if (state) state.failure = failure;
    return;
  }
  console.error(error);
};
