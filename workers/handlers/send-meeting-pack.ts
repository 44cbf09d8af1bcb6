/**
 * The meeting-pack side of `send-email`: the same job, key and failure handling as a team alert,
 * rendered from its own model. Returns null for any other kind.
 */
import type { Job } from 'bullmq';
import { MEETING_ALERT_KINDS } from '../../src/lib/server/alerts/kinds.ts';
import { loadMeetingPackAlert } from '../../src/lib/server/alerts/meeting-pack-alert.ts';
import { markSkipped } from '../../src/lib/server/alerts/notification-status.ts';
import type { JobPayloads } from '../catalogue.ts';
import { renderMeetingPackEmail } from '../mail/templates/meeting-pack.ts';
import type { HandlerContext } from './context.ts';
import { sendNotificationEmail } from './send-one.ts';

export async function sendMeetingPackAlert(
  ctx: HandlerContext,
  job: Job<JobPayloads['send-email']>
): Promise<{ outcome: string } | null> {
  const id = job.data.notificationId;
  const loaded = await loadMeetingPackAlert(
    ctx.driver,
    ctx.database,
    ctx.publicUrl,
    MEETING_ALERT_KINDS,
    id
  );
  if (!loaded) return null;
  if (loaded.status === 'SENT') return { outcome: 'already-sent' };
  if (loaded.status === 'UNDELIVERABLE') {
    await markSkipped(ctx.driver, ctx.database, [id], 'not-deliverable');
    return { outcome: 'skipped' };
  }
  const rendered = renderMeetingPackEmail(loaded.model);
  return sendNotificationEmail(ctx, job, id, { to: loaded.model.recipientEmail, ...rendered });
}
