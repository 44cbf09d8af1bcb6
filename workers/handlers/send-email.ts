/**
 * send-email: render one alert and hand it to the transport with Idempotency-Key = the job id
 * (= the notification id), so however often this runs, the provider sends it once.
 */
import type { Job } from 'bullmq';
import { loadAdminAlert } from '../../src/lib/server/alerts/admin-alerts.ts';
import { loadNotifications } from '../../src/lib/server/alerts/alert-model.ts';
import { markSkipped } from '../../src/lib/server/alerts/notification-status.ts';
import { unsubscribeUrl } from '../../src/lib/server/alerts/unsubscribe-token.ts';
import type { JobPayloads } from '../catalogue.ts';
import { renderAlertEmail } from '../mail/templates/alert-email.ts';
import type { HandlerContext } from './context.ts';
import { sendAdminAlert } from './send-admin-alert.ts';
import { sendAccountAlert } from './send-account-alert.ts';
import { sendNotificationEmail } from './send-one.ts';
import { sendMeetingPackAlert } from './send-meeting-pack.ts';

export function unsubscribeHeaders(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

export function sendEmailHandler(ctx: HandlerContext) {
  return async (job: Job<JobPayloads['send-email']>) => {
    const id = job.data.notificationId;
    // Account alerts (sensitive-agency verifications) have no team: their own model and template.
    const account = await sendAccountAlert(ctx, job);
    if (account) return account;
    // Admin alerts have no client or team: their own model and template (admin-alerts.ts).
    const adminAlert = await loadAdminAlert(ctx.driver, ctx.database, ctx.publicUrl, id);
    if (adminAlert) return sendAdminAlert(ctx, job, adminAlert);
    // The meeting pack: recipients chosen by the organiser, its own model and template.
    const meeting = await sendMeetingPackAlert(ctx, job);
    if (meeting) return meeting;
    const loaded = (await loadNotifications(ctx.driver, ctx.database, ctx.publicUrl, [id])).get(id);
    if (!loaded) return { outcome: 'missing' };
    if (loaded.status === 'SENT') return { outcome: 'already-sent' };
    if (!loaded.deliverable || !loaded.model || !loaded.recipientEmail) {
      await markSkipped(ctx.driver, ctx.database, [id], 'not-deliverable');
      return { outcome: 'skipped' };
    }
    const unsubscribe = unsubscribeUrl(
      ctx.publicUrl,
      ctx.sessionSecret,
      loaded.recipientId,
      loaded.model.kind
    );
    const rendered = renderAlertEmail(loaded.model, {
      settingsUrl: `${ctx.publicUrl}/settings/notifications`,
      unsubscribeUrl: unsubscribe
    });
    return sendNotificationEmail(ctx, job, id, {
      to: loaded.recipientEmail,
      ...rendered,
      headers: unsubscribeHeaders(unsubscribe)
    });
  };
}
