import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [reactRouter()],
  build: { sourcemap: false },
  // Server-only packages stay outside the SSR bundle: they are loaded by Node at run time.
  ssr: { external: ["@electric-sql/pglite", "pg", "@node-rs/argon2", "nodemailer", "smtp-server"] },
});
