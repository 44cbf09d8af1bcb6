/**
 * The navigation's "Attentions" count: open attentions on the viewer's current teams, raised by
 * someone else and not yet acknowledged, through the real commands that change each of those.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgeAttention } from '../../src/lib/server/attentions/acknowledge-attention.ts';
import { raiseAttention } from '../../src/lib/server/attentions/raise-attention.ts';
import { resolveAttention } from '../../src/lib/server/attentions/resolve-attention.ts';
import { waitingAttentions } from '../../src/lib/server/attentions/waiting-count.ts';
import { closeQueues } from '../../src/lib/server/queues.ts';
import { closeTestDriver } from '../support/db.ts';
import {
  addClient,
  addMember,
  addPractitioner,
  createFixture,
  removeFixture,
  run
} from './team-fixtures.ts';

let fx: Awaited<ReturnType<typeof createFixture>>;
let me: { id: string };
let colleague: { id: string };
let outsider: { id: string };
let clientId: string;

async function raise(by: string): Promise<string> {
  const result = await raiseAttention({
    viewerId: by,
    clientId,
    message: 'The family moved: call me before the review',
    priority: 'NORMAL'
  });
  if (!result.ok) throw new Error(`raise refused: ${result.code}`);
  fx.ids.add(result.attentionId);
  return result.attentionId;
}

beforeAll(async () => {
  fx = await createFixture();
  me = await addPractitioner(fx, 'Mia Member');
  colleague = await addPractitioner(fx, 'Cole Colleague');
  outsider = await addPractitioner(fx, 'Otto Outsider');
  clientId = (await addClient(fx, 'Wren')).id;
  await addMember(me.id, clientId);
  await addMember(colleague.id, clientId);
});

afterAll(async () => {
  if (fx) {
    await run('MATCH (e:Event) WHERE e.clientId IN $ids DETACH DELETE e', { ids: [...fx.ids] });
    await removeFixture(fx);
  }
  await closeQueues();
  await closeTestDriver();
});

describe('attentions waiting for the viewer', () => {
  it('counts what others raised until the viewer acknowledges it or it is resolved', async () => {
    expect(await waitingAttentions(me.id)).toBe(0);
    const first = await raise(colleague.id);
    const second = await raise(colleague.id);
    expect(await waitingAttentions(me.id)).toBe(2);
    // Nobody is asked to acknowledge their own attention, nor sees another team's.
    expect(await waitingAttentions(colleague.id)).toBe(0);
    expect(await waitingAttentions(outsider.id)).toBe(0);

    expect((await acknowledgeAttention({ viewerId: me.id, attentionId: first })).ok).toBe(true);
    expect(await waitingAttentions(me.id)).toBe(1);
    expect((await resolveAttention({ viewerId: colleague.id, attentionId: second })).ok).toBe(true);
    expect(await waitingAttentions(me.id)).toBe(0);
  });

  it('stops counting a team the viewer has left', async () => {
    await raise(colleague.id);
    expect(await waitingAttentions(me.id)).toBe(1);
    await run(
      `MATCH (:Practitioner {id: $me})-[m:MEMBER_OF]->(:Client {id: $clientId}) SET m.until = datetime()`,
      { me: me.id, clientId }
    );
    expect(await waitingAttentions(me.id)).toBe(0);
  });
});
