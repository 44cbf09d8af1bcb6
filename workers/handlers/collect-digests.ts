/** collect-digests (every 15 minutes): gather due digests into batches and enqueue each batch. */
import { collectDigests } from '../../src/lib/server/alerts/digest.ts';
import type { JobPayloads } from '../catalogue.ts';
import { EMAIL_JOB_OPTIONS, type HandlerContext } from './context.ts';

export function collectDigestsHandler(ctx: HandlerContext, now: () => Date = () => new Date()) {
  return async () => {
    const { digests, batchIds } = await collectDigests(ctx.driver, ctx.database, now());
    if (batchIds.length > 0) {
      await ctx.queues.email.addBulk(
        batchIds.map((batchId) => ({
          name: 'send-digest',
          data: { batchId } satisfies JobPayloads['send-digest'],
          opts: { ...EMAIL_JOB_OPTIONS, jobId: batchId }
        }))
      );
    }
    return { digests, batches: batchIds.length };
  };
}
