import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI is tested as a process: build the bundle once before any test runs. The global setup
    // also makes the run's temporary root (and removes it at the end); setup.ts removes each test
    // file's folders when the file ends.
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: process-heavy tests (git, python, the CLI) do not gain from more workers.
    maxWorkers: 2,
  },
});
