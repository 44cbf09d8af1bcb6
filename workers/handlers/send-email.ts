/**
 * send-email: render one alert and hand it to the transport with Idempotency-Key = the job id
 * (= the notification id), so however often this runs, the provider sends it once.
 */
import type { Job } from 'bullmq';
import { loadNotifications } from '../../src/lib/server/alerts/alert-model.ts';
import {
  markFailed,
  markSent,
  markSkipped
} from '../../src/lib/server/alerts/notification-status.ts';
import { unsubscribeUrl } from '../../src/lib/server/alerts/unsubscribe-token.ts';
import type { JobPayloads } from '../catalogue.ts';
import { renderAlertEmail } from '../mail/templates/alert-email.ts';
import type { MailMessage } from '../mail/transport.ts';
import type { HandlerContext } from './context.ts';
import { handleMailFailure, withSendTimeout } from './mail-failure.ts';
import { sendAccountAlert } from './send-account-alert.ts';
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
    const message: MailMessage = {
      to: loaded.recipientEmail,
      ...rendered,
      headers: unsubscribeHeaders(unsubscribe),
      idempotencyKey: job.id ?? id
    };
    try {
      const { id: providerId } = await withSendTimeout(
        ctx.transport.send(message),
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
  };
}
