/**
 * The one way a `send-email` job sends a rendered notification, whatever kind of alert it is:
 * Idempotency-Key = the job id (= the notification id), so a retry never sends twice; the
 * provider's refusals go through mail-failure.ts (retry, rate limit, or permanent failure).
 */
import type { Job } from 'bullmq';
import { markFailed, markSent } from '../../src/lib/server/alerts/notification-status.ts';
import type { JobPayloads } from '../catalogue.ts';
import type { MailMessage } from '../mail/transport.ts';
import type { HandlerContext } from './context.ts';
import { handleMailFailure, withSendTimeout } from './mail-failure.ts';

export async function sendNotificationEmail(
  ctx: HandlerContext,
  job: Job<JobPayloads['send-email']>,
  notificationId: string,
  message: Omit<MailMessage, 'idempotencyKey'>
): Promise<{ outcome: 'sent' | 'already-sent' }> {
  const id = notificationId;
  try {
    const { id: providerId } = await withSendTimeout(
      ctx.transport.send({ ...message, idempotencyKey: job.id ?? id }),
      ctx.sendTimeoutMs
    );
    await markSent(ctx.driver, ctx.database, [{ id, providerId }]);
    return { outcome: 'sent' };
  } catch (error) {
    // Throws unless the provider says this key was sent before (a retry after a lost answer).
    await handleMailFailure(error, job, ctx.queues.email, {
      markFailed: (name) => markFailed(ctx.driver, ctx.database, [id], name)
    });
    await markSent(ctx.driver, ctx.database, [{ id, providerId: 'sent-earlier' }]);
    return { outcome: 'already-sent' };
  }
}
