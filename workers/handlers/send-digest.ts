/**
 * send-digest: up to 100 daily digests in one batch call. The batch's digests were fixed when it
 * was collected and each message's key is its digest id, so the batch key (derived from them by
 * the transport) is the same on every retry and the provider sends the batch once.
 */
import type { Job } from 'bullmq';
import {
  loadNotifications,
  type AlertEmailModel
} from '../../src/lib/server/alerts/alert-model.ts';
import {
  loadDigestBatch,
  markDigestsFailed,
  markDigestsSent
} from '../../src/lib/server/alerts/digest.ts';
import { unsubscribeUrl } from '../../src/lib/server/alerts/unsubscribe-token.ts';
import type { JobPayloads } from '../catalogue.ts';
import { renderDigestEmail } from '../mail/templates/alert-digest.ts';
import type { MailMessage } from '../mail/transport.ts';
import type { HandlerContext } from './context.ts';
import { handleMailFailure, withSendTimeout } from './mail-failure.ts';
import { unsubscribeHeaders } from './send-email.ts';

export function sendDigestHandler(ctx: HandlerContext) {
  return async (job: Job<JobPayloads['send-digest']>) => {
    const digests = await loadDigestBatch(ctx.driver, ctx.database, job.data.batchId);
    if (digests.length === 0) return { outcome: 'nothing-to-send' };
    const loaded = await loadNotifications(
      ctx.driver,
      ctx.database,
      ctx.publicUrl,
      digests.flatMap((d) => d.notificationIds)
    );
    const messages: MailMessage[] = [];
    const sendable: string[] = [];
    for (const digest of digests) {
      const items = digest.notificationIds.map((id) => loaded.get(id));
      const models = items.map((n) => n?.model).filter((m): m is AlertEmailModel => Boolean(m));
      const email = items.find((n) => n?.recipientEmail)?.recipientEmail;
      if (models.length === 0 || !email) continue;
      const unsubscribe = unsubscribeUrl(
        ctx.publicUrl,
        ctx.sessionSecret,
        digest.recipientId,
        'digest'
      );
      const rendered = renderDigestEmail(models, {
        appUrl: `${ctx.publicUrl}/attentions`,
        settingsUrl: `${ctx.publicUrl}/settings/notifications`,
        unsubscribeUrl: unsubscribe
      });
      messages.push({
        to: email,
        ...rendered,
        headers: unsubscribeHeaders(unsubscribe),
        idempotencyKey: digest.digestId
      });
      sendable.push(digest.digestId);
    }
    if (messages.length === 0) return { outcome: 'nothing-to-send' };
    const send = async (): Promise<string[]> => {
      if (ctx.transport.sendBatch) return (await ctx.transport.sendBatch(messages)).ids;
      const ids: string[] = [];
      for (const message of messages) ids.push((await ctx.transport.send(message)).id);
      return ids;
    };
    try {
      const ids = await withSendTimeout(send(), ctx.sendTimeoutMs);
      await markDigestsSent(
        ctx.driver,
        ctx.database,
        sendable.map((digestId, i) => ({ digestId, providerId: ids[i] ?? 'unknown' }))
      );
      return { outcome: 'sent', digests: sendable.length };
    } catch (error) {
      await handleMailFailure(error, job, ctx.queues.email, {
        markFailed: (name) => markDigestsFailed(ctx.driver, ctx.database, sendable, name)
      });
      await markDigestsSent(
        ctx.driver,
        ctx.database,
        sendable.map((digestId) => ({ digestId, providerId: 'sent-earlier' }))
      );
      return { outcome: 'already-sent', digests: sendable.length };
    }
  };
}
