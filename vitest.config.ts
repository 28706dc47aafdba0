import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    globalSetup: ["tests/helpers/global-setup.ts"],
    reporters: ["default", "./tests/helpers/summary-reporter.ts"],
    testTimeout: 30_000,
    // Fixed keys so tests never write secrets.json; the runner is started by the tests that need it.
    env: {
      JWT_SECRET: "test-jwt-secret-that-is-at-least-32-characters",
      ENCRYPTION_KEY: "0".repeat(64),
      LOG_LEVEL: "silent",
      JOBS_RUNNER: "off",
    },
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
        },
      },
    ],
  },
});
