import type { Cookies } from '@sveltejs/kit';
import { config } from '../config.ts';
import { SESSION_COOKIE } from './sessions.ts';

export function setSessionCookie(cookies: Cookies, token: string): void {
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // Local development runs on plain http; every deployed environment is production.
    secure: config().nodeEnv === 'production',
    maxAge: config().sessionAbsoluteHours * 3600
  });
}

export function clearSessionCookie(cookies: Cookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/' });
}
