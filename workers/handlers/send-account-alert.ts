/**
 * The account-alert side of `send-email` (sensitive-agency verifications): the same job, key and
 * failure handling as a team alert, rendered from its own model. Returns null for a team alert.
 */
import type { Job } from 'bullmq';
import { loadAccountAlert } from '../../src/lib/server/alerts/account-alerts.ts';
import { ACCOUNT_ALERT_KINDS } from '../../src/lib/server/alerts/kinds.ts';
import { markSkipped } from '../../src/lib/server/alerts/notification-status.ts';
import type { JobPayloads } from '../catalogue.ts';
import { renderAgencyVerificationEmail } from '../mail/templates/agency-verification.ts';
import type { HandlerContext } from './context.ts';
import { sendNotificationEmail } from './send-one.ts';

export async function sendAccountAlert(
  ctx: HandlerContext,
  job: Job<JobPayloads['send-email']>
): Promise<{ outcome: string } | null> {
  const id = job.data.notificationId;
  const loaded = await loadAccountAlert(
    ctx.driver,
    ctx.database,
    ctx.publicUrl,
    ACCOUNT_ALERT_KINDS,
    id
  );
  if (!loaded) return null;
  if (loaded.status === 'SENT') return { outcome: 'already-sent' };
  if (loaded.status === 'UNDELIVERABLE') {
    await markSkipped(ctx.driver, ctx.database, [id], 'not-deliverable');
    return { outcome: 'skipped' };
  }
  const rendered = renderAgencyVerificationEmail(loaded.model);
  return sendNotificationEmail(ctx, job, id, { to: loaded.model.recipientEmail, ...rendered });
}
