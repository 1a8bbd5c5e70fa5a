import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

/** The app serves the React Router build: make it once per run, unless it is newer than the sources. */
export default function setup() {
  if (process.env.PLENARY_SKIP_BUILD === "1" && existsSync("build/server/index.js")) return;
  execFileSync("npx", ["react-router", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  if (!existsSync("build/server/index.js") || statSync("build/server/index.js").size === 0) throw new Error("build failed");
}
