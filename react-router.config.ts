import type { Config } from "@react-router/dev/config";

// Server-rendered pages; the Node server in server/main.ts mounts the build.
export default {
  ssr: true,
  appDirectory: "app",
  buildDirectory: "build",
  // Every route's entry in the manifest goes out at once, as a file of its own under /assets (immutable,
  // cached by the browser and by the kiosk's service worker), instead of a slice of it computed for each
  // answer and fetched again from /__manifest on navigation: a staff page is 6.7 KB smaller (85 → 78 KB,
  // the registrations list) and the server no longer matches every prefix of the path against the routes.
  routeDiscovery: { mode: "initial" },
} satisfies Config;
