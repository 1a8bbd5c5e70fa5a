import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit as streamingBodyLimit } from "hono/body-limit";

/**
 * Hono's `bodyLimit`, without its cost where it decides nothing: it asks for the request's body stream
 * first, which makes @hono/node-server build a whole web `Request` (and a web stream over the socket) for
 * every request, even a GET, and then reads the body through that stream instead of straight from the
 * socket. Here a GET or HEAD goes on untouched, and a body that states its length (no chunked transfer)
 * is judged by that length, as Hono does; only a chunked body is counted as it streams, by Hono's own code.
 */
export function bodyLimit(options: { maxSize: number; onError: (c: Context) => Response | Promise<Response> }): MiddlewareHandler {
  const streaming = streamingBodyLimit(options);
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      return Number.parseInt(length, 10) > options.maxSize ? options.onError(c) : next();
    }
    return streaming(c, next);
  };
}
