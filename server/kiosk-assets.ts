import { Hono } from "hono";

/** The kiosk's page and what belongs to it (app/routes/kiosk.tsx): scripts with a nonce, a stricter cache. */
export const isKioskPage = (path: string) => path === "/kiosk" || path.startsWith("/kiosk/");

/**
 * The kiosk's web app manifest (installable on a phone or tablet) and its service worker, which keeps the
 * page and its scripts for opening without network. Scans, the roster and photos live in IndexedDB
 * (app/kiosk/store.ts): the worker never caches the API.
 */
const manifest = {
  name: "Plenary kiosk",
  short_name: "Kiosk",
  start_url: "/kiosk",
  scope: "/kiosk",
  display: "standalone",
  background_color: "#ffffff",
  theme_color: "#1f5f8b",
  icons: [{ src: "/favicon.ico", sizes: "any", type: "image/svg+xml" }],
};

const worker = `// Plenary kiosk: keep the page and its assets for offline starts.
const cacheName = "plenary-kiosk-v1";
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(cacheName).then((cache) => cache.add("/kiosk")).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((names) => Promise.all(names.filter((n) => n !== cacheName).map((n) => caches.delete(n)))).then(() => self.clients.claim()),
  );
});
self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname === "/kiosk" && event.request.mode === "navigate") {
    // The page: fresh from the network when there is one, else the copy kept.
    event.respondWith(
      fetch(event.request)
        .then((response) => {
          if (response.ok) caches.open(cacheName).then((cache) => cache.put("/kiosk", response.clone()));
          return response;
        })
        .catch(() => caches.match("/kiosk")),
    );
    return;
  }
  if (url.pathname.startsWith("/assets/")) {
    // Scripts, styles and the WebAssembly decoder never change under their name: kept once fetched.
    event.respondWith(
      caches.match(event.request).then(
        (hit) =>
          hit ||
          fetch(event.request).then((response) => {
            if (response.ok) caches.open(cacheName).then((cache) => cache.put(event.request, response.clone()));
            return response;
          }),
      ),
    );
  }
});
`;

export function kioskAssetRoutes() {
  const app = new Hono();
  app.get("/kiosk/manifest.webmanifest", (c) =>
    c.body(JSON.stringify(manifest), 200, { "content-type": "application/manifest+json", "cache-control": "public, max-age=3600" }),
  );
  app.get("/kiosk/sw.js", (c) =>
    c.body(worker, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache", "service-worker-allowed": "/kiosk" }),
  );
  return app;
}
