/**
 * One-click unsubscribe tokens (RFC 8058): `<payload>.<signature>`, where the payload is
 * base64url(`userId.kind`) and the signature HMAC-SHA256(sessionSecret, `userId.kind`). Nobody can
 * make one for another person or kind without the secret, and no sign-in is needed to use one.
 * `kind` is an alert kind, or `digest` for "no more daily digests".
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isAlertKind, type AlertKind } from './kinds.ts';

export type UnsubscribeKind = AlertKind | 'digest';

export interface UnsubscribeClaim {
  userId: string;
  kind: UnsubscribeKind;
}

function signature(secret: string, subject: string): Buffer {
  return createHmac('sha256', secret).update(subject).digest();
}

export function signUnsubscribeToken(
  secret: string,
  userId: string,
  kind: UnsubscribeKind
): string {
  const subject = `${userId}.${kind}`;
  return `${Buffer.from(subject).toString('base64url')}.${signature(secret, subject).toString('base64url')}`;
}

export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeClaim | null {
  if (token.length > 512) return null;
  const [payload, given, extra] = token.split('.');
  if (!payload || !given || extra !== undefined) return null;
  const subject = Buffer.from(payload, 'base64url').toString('utf8');
  const expected = signature(secret, subject);
  const actual = Buffer.from(given, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  // The user id never contains a dot (UUIDs and fixture ids); the kind may ('attention.raised').
  const dot = subject.indexOf('.');
  if (dot <= 0) return null;
  const userId = subject.slice(0, dot);
  const kind = subject.slice(dot + 1);
  if (kind !== 'digest' && !isAlertKind(kind)) return null;
  return { userId, kind };
}

export function unsubscribeUrl(
  publicUrl: string,
  secret: string,
  userId: string,
  kind: UnsubscribeKind
): string {
  return `${publicUrl}/unsubscribe/${signUnsubscribeToken(secret, userId, kind)}`;
}
