/** sweep-outbox: re-publish events whose command died (or lost Redis) between commit and publish. */
import { sweepOutbox } from '../outbox.ts';
import type { HandlerContext } from './context.ts';

export function sweepOutboxHandler(ctx: HandlerContext) {
  return async () => ({
    republished: await sweepOutbox(
      ctx.driver,
      ctx.database,
      ctx.queues.events,
      ctx.sweepGraceSeconds
    )
  });
}
