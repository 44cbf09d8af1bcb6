/**
 * updateCircleLink: a member of either client's team corrects the relationship. The stored
 * direction is kept; label and reciprocal are swapped when the edge points the other way.
 */
import { findPair } from '../../circles/relationships.ts';
import type { Viewer } from '../graphql/viewer.ts';
import { CommandError, commandEvent, runCommand } from '../teams/command-support.ts';

const UPDATE = `
MATCH (c:Client {id: $clientId})-[r:IN_CIRCLE]-(o:Client {id: $otherId})
WHERE c <> o AND (
  EXISTS { MATCH (:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(c) WHERE m.until IS NULL }
  OR EXISTS { MATCH (:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(o) WHERE m.until IS NULL }
)
WITH r, startNode(r) = o AS fromOther LIMIT 1
SET r.kind = $kind,
    r.label = CASE WHEN fromOther THEN $label ELSE $reciprocal END,
    r.reciprocal = CASE WHEN fromOther THEN $reciprocal ELSE $label END,
    r.updatedAt = datetime(), r.updatedBy = $viewerId
RETURN count(r) AS updated`;

export async function updateCircleLink(
  viewer: Viewer,
  input: { clientId: string; otherId: string; label: string; reciprocal: string }
): Promise<{ updated: boolean }> {
  const pair = findPair(input.label, input.reciprocal);
  if (!pair) throw new CommandError('BAD_USER_INPUT', 'Choose a relationship from the list.');
  return runCommand(viewer.id, async (tx) => {
    const { records } = await tx.run(UPDATE, {
      viewerId: viewer.id,
      clientId: input.clientId,
      otherId: input.otherId,
      kind: pair.kind,
      label: pair.label,
      reciprocal: pair.reciprocal
    });
    if (Number(records[0]?.get('updated') ?? 0) === 0) {
      throw new CommandError(
        'FORBIDDEN',
        'Only members of either person’s team can change how they are linked.'
      );
    }
    return {
      result: { updated: true },
      events: [
        commandEvent('circle.changed', input.clientId, input.otherId, { change: 'updated' }),
        commandEvent('circle.changed', input.otherId, input.clientId, { change: 'updated' })
      ]
    };
  });
}
