import type { Config } from "@react-router/dev/config";

// Server-rendered pages; the Node server in server/main.ts mounts the build.
export default {
  ssr: true,
  appDirectory: "app",
  buildDirectory: "build",
} satisfies Config;
