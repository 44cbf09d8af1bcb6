/**
 * leaveTeam: the viewer ends their own membership. History is kept (DESIGN.md: leaving sets
 * `until`); access ends at once because every team read checks `until IS NULL`. A leaving lead
 * professional stops being the lead, so the team sees there is none rather than a stale name, and
 * a pending lead proposal the leaver made or was named in is cancelled (lead-appointment.ts).
 */
import type { Viewer } from '../graphql/viewer.ts';
import { CommandError, commandEvent, runCommand } from './command-support.ts';
import { cancelProposalsOf } from './lead-appointment.ts';

const LEAVE = `
MATCH (:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(c:Client {id: $clientId})
WHERE m.until IS NULL
WITH m, coalesce(m.lead, false) AS wasLead
SET m.until = datetime(), m.lead = false
REMOVE m.leadSince
RETURN count(m) AS left, coalesce(max(wasLead), false) AS wasLead`;

export async function leaveTeam(
  viewer: Viewer,
  input: { clientId: string }
): Promise<{ wasLead: boolean }> {
  return runCommand(viewer.id, async (tx) => {
    const { records } = await tx.run(LEAVE, { viewerId: viewer.id, clientId: input.clientId });
    const left = Number(records[0]?.get('left') ?? 0);
    if (left === 0) {
      throw new CommandError('FORBIDDEN', 'You are not a member of this client’s team.');
    }
    const wasLead = Boolean(records[0]?.get('wasLead'));
    const cancelled = await cancelProposalsOf(tx, input.clientId, viewer.id);
    return {
      result: { wasLead },
      events: [commandEvent('team.left', input.clientId, viewer.id, { wasLead }), ...cancelled]
    };
  });
}
