/**
 * confirmInvolvement: "I'm still involved". Memberships not confirmed (nor started) within six
 * months show as stale, so the team can tell who is really still around.
 */
import type { Viewer } from '../graphql/viewer.ts';
import { CommandError, commandEvent, runCommand } from './command-support.ts';

/** After this long without a confirmation a membership is shown as stale. */
export const STALE_AFTER_MONTHS = 6;

/** Whether a membership last confirmed (or begun) at `since` is stale at `now`. */
export function isStale(
  lastConfirmedOrSince: string | null | undefined,
  now = new Date()
): boolean {
  if (!lastConfirmedOrSince) return false;
  const at = new Date(lastConfirmedOrSince);
  if (Number.isNaN(at.getTime())) return false;
  const threshold = new Date(now);
  threshold.setMonth(threshold.getMonth() - STALE_AFTER_MONTHS);
  return at < threshold;
}

const CONFIRM = `
MATCH (:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(:Client {id: $clientId})
WHERE m.until IS NULL
SET m.lastConfirmedAt = datetime()
RETURN toString(m.lastConfirmedAt) AS at`;

export async function confirmInvolvement(
  viewer: Viewer,
  input: { clientId: string }
): Promise<{ confirmedAt: string }> {
  return runCommand(viewer.id, async (tx) => {
    const { records } = await tx.run(CONFIRM, { viewerId: viewer.id, clientId: input.clientId });
    const at = records[0]?.get('at') as string | undefined;
    if (!at) throw new CommandError('FORBIDDEN', 'You are not a member of this client’s team.');
    // Recorded for the activity log but not an alert: nobody needs an email for it.
    return {
      result: { confirmedAt: at },
      events: [commandEvent('team.confirmed', input.clientId, viewer.id, {}, false)]
    };
  });
}
