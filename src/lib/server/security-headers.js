/**
 * The security headers every answer carries: pages and endpoints (src/hooks.server.ts) and static
 * files (scripts/serve-build.js, which serves them before the hooks run). Plain JavaScript so the
 * server script can import it without a TypeScript loader.
 *
 * @type {Readonly<Record<string, string>>}
 */
export const SECURITY_HEADERS = Object.freeze({
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin'
});
