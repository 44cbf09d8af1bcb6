/**
 * send-email for an admin alert: rendered from the admin alert model, sent with Idempotency-Key =
 * the job id (= the notification id) like every alert, so a retry never sends twice.
 */
import type { Job } from 'bullmq';
import type { LoadedAdminAlert } from '../../src/lib/server/alerts/admin-alerts.ts';
import { markSkipped } from '../../src/lib/server/alerts/notification-status.ts';
import type { JobPayloads } from '../catalogue.ts';
import { renderAdminAlertEmail } from '../mail/templates/admin-alert.ts';
import type { HandlerContext } from './context.ts';
import { sendNotificationEmail } from './send-one.ts';

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
  return sendNotificationEmail(ctx, job, id, { to: alert.recipientEmail, ...rendered });
}
