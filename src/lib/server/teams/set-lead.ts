/**
 * setLead: any current member makes themselves or another member the lead professional. The lead
 * must be a named, non-restricted member: a restricted member's name is hidden from the team
 * (DESIGN.md rule 3), and the lead is the team's named point of contact.
 */
import type { Viewer } from '../graphql/viewer.ts';
import { CommandError, commandEvent, requireMembership, runCommand } from './command-support.ts';

const SET_LEAD = `
MATCH (c:Client {id: $clientId})
WHERE EXISTS {
  MATCH (:Practitioner {id: $viewerId})-[vm:MEMBER_OF]->(c) WHERE vm.until IS NULL
}
MATCH (:Practitioner {id: $leadId})-[tm:MEMBER_OF]->(c)
WHERE tm.until IS NULL AND NOT coalesce(tm.restricted, false)
WITH c, tm ORDER BY tm.since DESC LIMIT 1
OPTIONAL MATCH (old:Practitioner)-[om:MEMBER_OF]->(c)
WHERE om.until IS NULL AND om.lead AND om <> tm
WITH tm, collect(om) AS previous, collect(DISTINCT old.id) AS previousIds,
  coalesce(tm.lead, false) AS already
FOREACH (om IN previous | SET om.lead = false)
SET tm.lead = true
RETURN previousIds, already`;

export async function setLead(
  viewer: Viewer,
  input: { clientId: string; leadId: string }
): Promise<{ changed: boolean }> {
  return runCommand<{ changed: boolean }>(viewer.id, async (tx) => {
    await requireMembership(tx, viewer.id, input.clientId);
    const { records } = await tx.run(SET_LEAD, {
      viewerId: viewer.id,
      clientId: input.clientId,
      leadId: input.leadId
    });
    const row = records[0];
    if (!row) {
      throw new CommandError(
        'BAD_USER_INPUT',
        'The lead professional must be a current, non-restricted member of the team.'
      );
    }
    const previousIds = row.get('previousIds') as string[];
    if (row.get('already') && previousIds.length === 0) {
      return { result: { changed: false }, events: [] };
    }
    return {
      result: { changed: true },
      events: [
        commandEvent('team.lead.changed', input.clientId, input.leadId, {
          previousLeadIds: previousIds
        })
      ]
    };
  });
}
