import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI is tested as a process: build the bundle once before any test runs.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: process-heavy tests (git, python, the CLI) do not gain from more workers.
    maxWorkers: 2,
  },
});
