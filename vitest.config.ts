import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Renderer component tests (*.test.tsx) choose jsdom with a `@vitest-environment` comment.
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    reporters: ['default', './tests/summaryReporter.ts'],
  },
});
