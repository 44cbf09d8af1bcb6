import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  server: { host: '127.0.0.1' },
  ssr: {
    // Native and CommonJS-heavy server packages stay external so Node loads them as published.
    external: ['neo4j-driver', '@neo4j/graphql', 'bullmq', 'ioredis', '@node-rs/argon2']
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' }
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One retry: on a 2-core CI machine the e2e server, its workers and these tests share the
          // CPU, and a rare timing failure should not hide the run's result (docs/testing.md).
          retry: 1,
          fileParallelism: false
        }
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          // tests/security/ holds the attacks on the governance rules, made as an attacker would
          // make them: over HTTP and /graphql against the built app, so they share its server.
          include: ['tests/e2e/**/*.test.ts', 'tests/security/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts', 'tests/support/e2e-server.ts'],
          setupFiles: ['tests/support/e2e-file-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          retry: 1,
          fileParallelism: false
        }
      }
    ]
  }
});
