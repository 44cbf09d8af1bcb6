/** The local mail outbox: what Teamaround would have emailed. Never in production. */
import { error } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { mayReadOutboxEmail } from '$lib/server/dev/outbox-access';
import { listOutbox } from '$workers/mail/local-outbox';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  if (config().nodeEnv === 'production') error(404, 'Not found');
  const user = locals.user;
  if (!user) error(404, 'Not found');
  const emails = (await listOutbox()).filter((email) => mayReadOutboxEmail(user, email));
  return {
    emails: emails.map(({ id, to, subject, createdAt }) => ({ id, to, subject, createdAt })),
    usingResend: Boolean(config().resend.apiKey)
  };
};
