/** removeFromCircle: a member of either client's team removes the link between them. */
import type { Viewer } from '../graphql/viewer.ts';
import { CommandError, commandEvent, runCommand } from '../teams/command-support.ts';

const REMOVE = `
MATCH (c:Client {id: $clientId})-[r:IN_CIRCLE]-(o:Client {id: $otherId})
WHERE c <> o AND (
  EXISTS { MATCH (:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(c) WHERE m.until IS NULL }
  OR EXISTS { MATCH (:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(o) WHERE m.until IS NULL }
)
WITH DISTINCT r
DELETE r
RETURN count(*) AS removed`;

export async function removeFromCircle(
  viewer: Viewer,
  input: { clientId: string; otherId: string }
): Promise<{ removed: boolean }> {
  return runCommand(viewer.id, async (tx) => {
    const { records } = await tx.run(REMOVE, {
      viewerId: viewer.id,
      clientId: input.clientId,
      otherId: input.otherId
    });
    if (Number(records[0]?.get('removed') ?? 0) === 0) {
      throw new CommandError(
        'FORBIDDEN',
        'Only members of either person’s team can remove the link between them.'
      );
    }
    return {
      result: { removed: true },
      events: [
        commandEvent('circle.changed', input.clientId, input.otherId, { change: 'removed' }),
        commandEvent('circle.changed', input.otherId, input.clientId, { change: 'removed' })
      ]
    };
  });
}
