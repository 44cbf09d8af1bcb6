/** Which paths a signed-out visitor may open; everything else sends them to /login and back. */
const PUBLIC_PREFIXES = [
  '/login',
  '/logout',
  '/activate/',
  '/reset',
  '/unsubscribe/',
  '/unlock/',
  '/healthz',
  '/readyz',
  '/_app/',
  '/favicon'
];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PREFIXES.some(
    (p) =>
      pathname === p ||
      pathname.startsWith(p.endsWith('/') ? p : `${p}/`) ||
      pathname === p.replace(/\/$/, '')
  );
}

/** APIs answer signed-out callers themselves (JSON errors) instead of redirecting to a page. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/graphql' || pathname.startsWith('/api/');
}
