/**
 * askRestrictedToContact: "Ask them to contact me" on a masked team entry (DESIGN.md rule 3).
 * A current member cannot know which restricted service is on the team, so they cannot call it;
 * instead this relays their own name, agency and phone to the team's restricted members by email
 * (the `team.contact.requested` alert, whose recipients are the restricted members only), and the
 * restricted members decide whether to reply. The asker only learns that the request was sent.
 *
 * The request is recorded as an outbox Event (ids only, like every Event: the email is rendered
 * from the graph by the alerts pipeline, so no name or phone number travels through Redis).
 * Asking again about the same client within RELAY_WINDOW_HOURS sends nothing more, and answers
 * exactly the same, so repeated clicks cannot flood a restricted worker's inbox.
 */
import type { Viewer } from '../graphql/viewer.ts';
import { CommandError, commandEvent, requireMembership, runCommand } from './command-support.ts';

export const RELAY_KIND = 'team.contact.requested';
export const RELAY_WINDOW_HOURS = 24;

// The asker's own node is write-locked first (SET then REMOVE leaves nothing), so two requests
// sent at once are checked one after the other and only one is relayed.
const LOCK = `MATCH (me:Practitioner {id: $viewerId}) SET me.relayLock = true REMOVE me.relayLock`;

const CHECK = `
MATCH (c:Client {id: $clientId})
RETURN
  COUNT {
    MATCH (p:Practitioner)-[m:MEMBER_OF]->(c)
    WHERE m.until IS NULL AND coalesce(m.restricted, false) AND p.id <> $viewerId
  } > 0 AS hasRestricted,
  EXISTS {
    MATCH (e:Event {clientId: $clientId})
    WHERE e.type = $kind AND e.actorId = $viewerId
      AND e.createdAt > datetime() - duration({hours: $hours})
  } AS askedRecently`;

export async function askRestrictedToContact(
  viewer: Viewer,
  input: { clientId: string }
): Promise<{ sent: true }> {
  const clientId = String(input.clientId ?? '').slice(0, 100);
  return runCommand(viewer.id, async (tx) => {
    // The same refusal as every team command for non-members and unknown clients.
    await requireMembership(tx, viewer.id, clientId);
    await tx.run(LOCK, { viewerId: viewer.id });
    const { records } = await tx.run(CHECK, {
      clientId,
      viewerId: viewer.id,
      kind: RELAY_KIND,
      hours: RELAY_WINDOW_HOURS
    });
    const row = records[0];
    // Members see whether a restricted service is involved, so saying so here reveals nothing.
    if (!row?.get('hasRestricted')) {
      throw new CommandError('BAD_USER_INPUT', 'No restricted service is on this team.');
    }
    if (row.get('askedRecently')) return { result: { sent: true as const }, events: [] };
    return {
      result: { sent: true as const },
      events: [commandEvent(RELAY_KIND, clientId, null)]
    };
  });
}
