/**
 * Single-use secrets (invitations, password resets, sign-in unlocks, API tokens): 32 random
 * bytes, base64url, of which the database keeps only the SHA-256. A stolen database or backup
 * cannot be turned back into working links, and a 256-bit secret needs no slow hash.
 */
import { createHash, randomBytes } from 'node:crypto';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(prefix = ''): { token: string; tokenHash: string } {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashToken(token) };
}

/** Shape check before any lookup: 43 base64url characters (32 bytes), after the prefix. */
export function looksLikeToken(value: string, prefix = ''): boolean {
  return (
    value.length === prefix.length + 43 &&
    value.startsWith(prefix) &&
    /^[A-Za-z0-9_-]+$/.test(value.slice(prefix.length))
  );
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** Emails are stored lower case (graph/README.md); this is the one place that normalises them. */
export function normaliseEmail(value: string): string | null {
  const email = value.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}
