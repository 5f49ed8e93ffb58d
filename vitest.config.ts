import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "~db": path.resolve("db"),
  "~": path.resolve("app"),
};

/**
 * unit: pure functions, no database. integration: a real database per test file (PGlite loaded from
 * a migrated dump, or a fresh PostgreSQL database from a template when DATABASE_URL is set).
 * browser: the built app in Debian's Chromium with axe-core.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/**/*.unit.test.{ts,tsx}"],
          environment: "node",
          // Some unit tests render PDFs or diff 60 long sections: seconds on a busy CI machine.
          testTimeout: 30_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/**/*.test.{ts,tsx}"],
          exclude: ["tests/**/*.unit.test.{ts,tsx}", "tests/e2e/**", "tests/perf/**", "tests/faults/**"],
          globalSetup: ["tests/setup/global-db.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: "forks",
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // Faults: the built server against a throwaway PostgreSQL cluster that the tests stop, start
        // and kill under it. Its own project so that CI's second pass (integration on PostgreSQL)
        // does not run it again; skipped when no PostgreSQL server binaries are installed.
        resolve: { alias },
        test: {
          name: "faults",
          include: ["tests/faults/**/*.test.ts"],
          exclude: ["tests/**/*.unit.test.{ts,tsx}"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: "forks",
          maxWorkers: 1,
          fileParallelism: false,
          sequence: { groupOrder: 3 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "browser",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/setup/global-browser.ts"],
          environment: "node",
          testTimeout: 120_000,
          // startApp loads the demo in beforeAll and waits up to 240 s for it on a loaded machine.
          hookTimeout: 300_000,
          pool: "forks",
          maxWorkers: 1,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
