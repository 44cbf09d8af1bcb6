/** fan-out: decide recipients of one outbox event, then one `send-email` job per immediate email. */
import type { Job } from 'bullmq';
import { fanOut } from '../../src/lib/server/alerts/fan-out.ts';
import type { JobPayloads } from '../catalogue.ts';
import { EMAIL_JOB_OPTIONS, type HandlerContext } from './context.ts';

export function fanOutHandler(ctx: HandlerContext) {
  return async (job: Job<JobPayloads['fan-out']>) => {
    const result = await fanOut(ctx.driver, ctx.database, job.data.eventId);
    if (result.immediate.length > 0) {
      // Job id = notification id: re-adding after a crash between commit and here is a no-op.
      await ctx.queues.email.addBulk(
        result.immediate.map((notificationId) => ({
          name: 'send-email',
          data: { notificationId } satisfies JobPayloads['send-email'],
          opts: { ...EMAIL_JOB_OPTIONS, jobId: notificationId }
        }))
      );
    }
    return {
      immediate: result.immediate.length,
      digest: result.digest,
      skipped: result.skipped ?? null
    };
  };
}
