/** mark-stale (daily): 'membership.stale' events for memberships unconfirmed for 6 months. */
import { markStaleMemberships } from '../../src/lib/server/alerts/stale.ts';
import { publishEvents } from '../outbox.ts';
import type { HandlerContext } from './context.ts';

export function markStaleHandler(ctx: HandlerContext) {
  return async () => {
    const eventIds = await markStaleMemberships(ctx.driver, ctx.database);
    // Published after commit like any command's events; the sweeper covers a crash in between.
    await publishEvents(ctx.driver, ctx.database, ctx.queues.events, eventIds);
    return { stale: eventIds.length };
  };
}
