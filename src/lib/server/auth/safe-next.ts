/**
 * The one rule for following a user-supplied `next` after sign-in (or any other redirect to a
 * place the visitor chose): only a path on this origin, never another site and never a value
 * that cannot be sent as a header.
 *
 * Why each check: browsers strip tabs and newlines from URLs, so `/\t/evil.example` is read as
 * `//evil.example` (another origin); a backslash is read as a slash; control characters make Node
 * refuse the Location header (a 500, or its raw error as the body); `/..//evil.example`
 * normalises to `//evil.example`. Everything refused falls back to `/`.
 */
const FALLBACK = '/';
const MAX_LENGTH = 2000;
/** C0 controls, DEL and the backslash, anywhere in the value. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f\\]/;
/** Resolve against a base we never answer to, so anything that escapes it is visible. */
const BASE = 'http://next.invalid';

export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > MAX_LENGTH) return FALLBACK;
  if (!next.startsWith('/') || next.startsWith('//') || FORBIDDEN.test(next)) return FALLBACK;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== BASE) return FALLBACK;
  // The serialised form is ASCII only (non-ASCII is percent-encoded), so it is a valid header.
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith('/') || path.startsWith('//') || FORBIDDEN.test(path)) return FALLBACK;
  if (path.length > MAX_LENGTH * 3) return FALLBACK;
  return path;
}
