import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["features/**/*.test.ts", "server/**/*.test.ts", "db/**/*.test.ts", "i18n/**/*.test.ts", "e2e/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["./test/global-setup.ts"],
    setupFiles: ["./test/setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A browser on a loaded machine (CI, or two suites side by side) may take seconds to show a result.
    expect: { poll: { timeout: 15_000 } },
    pool: "forks",
    maxWorkers: 2,
  },
});
