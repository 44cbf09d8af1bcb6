/** The local mail outbox: what Teamaround would have emailed. Never in production. */
import { error } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { listOutbox } from '$workers/mail/local-outbox';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
  if (config().nodeEnv === 'production') error(404, 'Not found');
  const emails = await listOutbox();
  return {
    emails: emails.map(({ id, to, subject, createdAt }) => ({ id, to, subject, createdAt })),
    usingResend: Boolean(config().resend.apiKey)
  };
};
