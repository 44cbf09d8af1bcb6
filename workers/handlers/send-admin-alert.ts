/**
 * send-email for an admin alert: rendered from the admin alert model, sent with Idempotency-Key =
 * the job id (= the notification id) like every alert, so a retry never sends twice.
 */
import type { Job } from 'bullmq';
import type { LoadedAdminAlert } from '../../src/lib/server/alerts/admin-alerts.ts';
import {
  markFailed,
  markSent,
  markSkipped
} from '../../src/lib/server/alerts/notification-status.ts';
import type { JobPayloads } from '../catalogue.ts';
import { renderAdminAlertEmail } from '../mail/templates/admin-alert.ts';
import type { HandlerContext } from './context.ts';
import { handleMailFailure, withSendTimeout } from './mail-failure.ts';

export async function sendAdminAlert(
  ctx: HandlerContext,
  job: Job<JobPayloads['send-email']>,
  alert: LoadedAdminAlert
): Promise<{ outcome: string }> {
  const id = alert.id;
  if (alert.status === 'SENT') return { outcome: 'already-sent' };
  if (!alert.deliverable || !alert.recipientEmail) {
    await markSkipped(ctx.driver, ctx.database, [id], 'not-deliverable');
    return { outcome: 'skipped' };
  }
  const rendered = renderAdminAlertEmail(alert.model, `${ctx.publicUrl}/settings/notifications`);
  try {
    const { id: providerId } = await withSendTimeout(
      ctx.transport.send({ to: alert.recipientEmail, ...rendered, idempotencyKey: job.id ?? id }),
      ctx.sendTimeoutMs
    );
    await markSent(ctx.driver, ctx.database, [{ id, providerId }]);
    return { outcome: 'sent' };
  } catch (error) {
    await handleMailFailure(error, job, ctx.queues.email, {
      markFailed: (name) => markFailed(ctx.driver, ctx.database, [id], name)
    });
    await markSent(ctx.driver, ctx.database, [{ id, providerId: 'sent-earlier' }]);
    return { outcome: 'already-sent' };
  }
}
