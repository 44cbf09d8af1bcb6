import { fail } from '@sveltejs/kit';
import { listFailedNotifications } from '$lib/server/alerts/admin';
import { retryNotification } from '$lib/server/alerts/retry';
import { deny, formatWhen } from '$lib/server/attentions/page-support';
import { database, getDriver } from '$lib/server/db/neo4j';
import { monitoredQueue, queueHealth } from '$lib/server/queue-health';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const ADMINS_ONLY = 'This page is for administrators.';

async function requireAdmin(event: Pick<RequestEvent, 'locals' | 'url' | 'getClientAddress'>) {
  const user = event.locals.user;
  if (!user || !user.roles.includes('admin')) await deny(event, ADMINS_ONLY);
}

export const load: PageServerLoad = async (event) => {
  await requireAdmin(event);
  const [health, failed] = await Promise.all([
    queueHealth(),
    listFailedNotifications(getDriver(), database())
  ]);
  return {
    health,
    failed: failed.map((n) => ({ ...n, failedAtText: formatWhen(n.failedAt) }))
  };
};

export const actions = {
  retry: async (event) => {
    await requireAdmin(event);
    const id = String((await event.request.formData()).get('notificationId') ?? '').slice(0, 300);
    const outcome = await retryNotification(getDriver(), database(), monitoredQueue('email'), id);
    if (outcome === 'not-failed')
      return fail(400, { message: 'That notification is not failed any more.' });
    return {
      done: outcome === 'queued' ? 'Queued again with the same id.' : 'It is already queued.'
    };
  }
} satisfies Actions;
