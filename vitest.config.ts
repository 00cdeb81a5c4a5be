// Test runner configuration: tests sit beside the code as *.test.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{dsl,compiler,catalog,billing,runtime,cli,studio,bench}/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'out/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
