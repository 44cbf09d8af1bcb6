/** What the attention and notification pages share: who is asking, refusals, dates. */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { audit } from '../audit/audit.ts';
import type { Viewer } from '../graphql/viewer.ts';

/** The signed-in viewer (the guard in hooks.server.ts already sends others to /login). */
export function requireViewer(locals: App.Locals): Viewer {
  if (!locals.viewer || !locals.user) redirect(303, '/login');
  return locals.viewer;
}

/** 403 with nothing but the message, after recording the refusal (DESIGN.md rule 5). */
export async function deny(
  event: Pick<RequestEvent, 'locals' | 'url' | 'getClientAddress'>,
  message: string,
  clientId: string | null = null
): Promise<never> {
  await audit({
    type: 'access.denied',
    actorId: event.locals.user?.id ?? null,
    clientId,
    ip: event.getClientAddress(),
    data: { path: event.url.pathname }
  });
  error(403, message);
}

const formatter = new Intl.DateTimeFormat('en-AU', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Australia/Sydney'
});

/** Formatted on the server so the page renders the same before and after hydration. */
export function formatWhen(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return timeZone
      ? new Intl.DateTimeFormat('en-AU', {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone
        }).format(date)
      : formatter.format(date);
  } catch {
    return formatter.format(date);
  }
}
