/**
 * addToCircle: a team member links some of *their own* clients into this client's circle. Both
 * ends must be clients the viewer is a current member of, so nobody can attach a stranger's record
 * (or learn whether it exists) through a circle. One IN_CIRCLE edge per pair, stored from the
 * other person to this client: `label` is what they are to this client, `reciprocal` the reverse.
 */
import { findPair } from '../../circles/relationships.ts';
import type { Viewer } from '../graphql/viewer.ts';
import {
  CommandError,
  commandEvent,
  requireMembership,
  runCommand,
  type CommandEvent
} from '../teams/command-support.ts';

export interface NewCircleLink {
  /** The client being added to the circle. */
  otherId: string;
  /** What the other client is to this client ("mother"). */
  label: string;
  /** What this client is to the other ("son"). */
  reciprocal: string;
}

/** At most this many people are linked in one go (the form lists the viewer's own clients). */
const MAX_LINKS = 50;

const ADD = `
MATCH (c:Client {id: $clientId})
WHERE EXISTS { MATCH (:Practitioner {id: $viewerId})-[vm:MEMBER_OF]->(c) WHERE vm.until IS NULL }
UNWIND $links AS link
MATCH (o:Client {id: link.otherId})
WHERE o <> c
  AND EXISTS { MATCH (:Practitioner {id: $viewerId})-[om:MEMBER_OF]->(o) WHERE om.until IS NULL }
  AND NOT EXISTS { MATCH (c)-[:IN_CIRCLE]-(o) }
CREATE (o)-[:IN_CIRCLE {kind: link.kind, label: link.label, reciprocal: link.reciprocal,
  since: datetime(), addedBy: $viewerId}]->(c)
RETURN o.id AS otherId`;

export async function addToCircle(
  viewer: Viewer,
  input: { clientId: string; links: NewCircleLink[] }
): Promise<{ added: string[] }> {
  if (input.links.length === 0) {
    throw new CommandError('BAD_USER_INPUT', 'Tick at least one of your clients to add.');
  }
  if (input.links.length > MAX_LINKS) {
    throw new CommandError('BAD_USER_INPUT', `Add at most ${MAX_LINKS} people at a time.`);
  }
  const links = input.links.map((link) => {
    const pair = findPair(link.label, link.reciprocal);
    if (!pair) throw new CommandError('BAD_USER_INPUT', 'Choose a relationship from the list.');
    return {
      otherId: link.otherId,
      label: pair.label,
      reciprocal: pair.reciprocal,
      kind: pair.kind
    };
  });
  if (new Set(links.map((l) => l.otherId)).size !== links.length) {
    throw new CommandError('BAD_USER_INPUT', 'Each person can be added once.');
  }
  return runCommand(viewer.id, async (tx) => {
    await requireMembership(tx, viewer.id, input.clientId);
    const { records } = await tx.run(ADD, {
      viewerId: viewer.id,
      clientId: input.clientId,
      links
    });
    const added = records.map((r) => r.get('otherId') as string);
    if (added.length !== links.length) {
      // All or nothing: throwing rolls back the links that were created.
      throw new CommandError(
        'FORBIDDEN',
        'You can only add your own clients who are not already in this circle.'
      );
    }
    const events: CommandEvent[] = added.flatMap((otherId) => [
      commandEvent('circle.changed', input.clientId, otherId, { change: 'added' }),
      commandEvent('circle.changed', otherId, input.clientId, { change: 'added' })
    ]);
    return { result: { added }, events };
  });
}
