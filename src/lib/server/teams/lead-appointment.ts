/**
 * The lead professional is appointed, never taken (DESIGN.md rule 4). The lead sees an address
 * withheld for safety, so nobody may grant that to themselves:
 *
 * - the current lead HANDS OVER to another current, named (non-restricted) member, and it takes
 *   effect only when that member ACCEPTS (or they decline, or the lead withdraws);
 * - with no lead, any named member NOMINATES themselves or another named member, and it takes
 *   effect only when CONFIRMED by another current named member who works for a different agency
 *   than the nominee (never the nominee, never the nominator), or by an admin or a local lead
 *   whose areas cover the client's council;
 * - an admin or such a local lead may also APPOINT a named member directly while there is no lead
 *   (never themselves).
 *
 * A proposal waits as a `LeadProposal` node (at most one pending per client: `pendingFor` is
 * unique, see cypher/migrations/V0011). Every command locks the client node first, so two
 * concurrent steps are decided one after the other against the same state. Every step is an
 * outbox Event (alerts to the team); `leadSince` is set on the appointed membership.
 */
import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Viewer } from '../graphql/viewer.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { CommandError, commandEvent, runCommand, type CommandEvent } from './command-support.ts';

export type ProposalKind = 'NOMINATION' | 'HANDOVER';

interface Pending {
  id: string;
  kind: ProposalKind;
  nomineeId: string;
  proposedById: string;
  createdAt: string | null;
}

interface Party {
  id: string;
  member: boolean;
  restricted: boolean;
  lead: boolean;
  agencyIds: string[];
  /** An active admin, or an active local lead whose LEADS areas cover the client's council. */
  authority: boolean;
}

interface State {
  exists: boolean;
  leadIds: string[];
  pending: Pending | null;
  viewer: Party;
}

const NAMED_MEMBER =
  'The lead professional must be a current, named (non-restricted) member of the team.';
const NOT_MEMBER = 'Only members of the client’s team can do that.';

/**
 * Takes the client's write lock (SET then REMOVE of a scratch property leaves nothing behind but
 * holds the lock to the end of the transaction); READ_STATE then reads what a decision needs.
 */
const LOCK = `
MATCH (c:Client {id: $clientId})
SET c.leadLock = true
REMOVE c.leadLock
RETURN count(c) AS found`;

const READ_STATE = `
MATCH (c:Client {id: $clientId})
OPTIONAL MATCH (lp:Practitioner)-[lm:MEMBER_OF]->(c) WHERE lm.until IS NULL AND lm.lead
WITH c, collect(DISTINCT lp.id) AS leadIds
OPTIONAL MATCH (pr:LeadProposal {pendingFor: $clientId})
WITH leadIds, head(collect(pr)) AS pr
RETURN leadIds,
  CASE WHEN pr IS NULL THEN null ELSE {
    id: pr.id, kind: pr.kind, nomineeId: pr.nomineeId, proposedById: pr.proposedById,
    createdAt: toString(pr.createdAt)
  } END AS pending`;

/** Someone's standing towards the client: membership, agencies and appointing authority. */
const PARTY = `
MATCH (c:Client {id: $clientId})
OPTIONAL MATCH (p:Practitioner {id: $practitionerId})
OPTIONAL MATCH (p)-[m:MEMBER_OF]->(c) WHERE m.until IS NULL
WITH c, p, m ORDER BY m.since DESC LIMIT 1
OPTIONAL MATCH (p)-[:WORKS_AT]->(a:Agency)
WITH c, p, m, collect(DISTINCT a.id) AS agencyIds
RETURN m IS NOT NULL AS member, coalesce(m.restricted, false) AS restricted,
  coalesce(m.lead, false) AS lead, agencyIds,
  p IS NOT NULL AND coalesce(p.status, 'ACTIVE') = 'ACTIVE' AND (
    'admin' IN coalesce(p.roles, [])
    OR ('lead' IN coalesce(p.roles, []) AND EXISTS {
      MATCH (p)-[:LEADS]->(led:Area)
      MATCH (:Area {code: c.councilCode})-[:PART_OF*0..2]->(led)
    })
  ) AS authority`;

async function party(tx: ManagedTransaction, clientId: string, id: string): Promise<Party> {
  const { records } = await tx.run(PARTY, { clientId, practitionerId: id });
  const row = records[0];
  return {
    id,
    member: Boolean(row?.get('member')),
    restricted: Boolean(row?.get('restricted')),
    lead: Boolean(row?.get('lead')),
    agencyIds: (row?.get('agencyIds') as string[] | undefined) ?? [],
    authority: Boolean(row?.get('authority'))
  };
}

async function lockAndRead(
  tx: ManagedTransaction,
  clientId: string,
  viewerId: string
): Promise<State> {
  const locked = await tx.run(LOCK, { clientId });
  if (Number(locked.records[0]?.get('found') ?? 0) === 0) {
    throw new CommandError('NOT_FOUND', 'There is no such client.');
  }
  const { records } = await tx.run(READ_STATE, { clientId });
  const row = records[0];
  return {
    exists: true,
    leadIds: (row?.get('leadIds') as string[] | undefined) ?? [],
    pending: (row?.get('pending') as Pending | null | undefined) ?? null,
    viewer: await party(tx, clientId, viewerId)
  };
}

/** A named member of the team: the only kind of person who may become lead. */
async function requireNamedMember(
  tx: ManagedTransaction,
  clientId: string,
  id: string
): Promise<Party> {
  const nominee = await party(tx, clientId, id);
  if (!nominee.member || nominee.restricted) throw new CommandError('BAD_USER_INPUT', NAMED_MEMBER);
  return nominee;
}

/**
 * Whether `viewer` may confirm a nomination of `nominee` proposed by `proposedById`, and if not,
 * why. Shared by the command and by the read that decides which buttons the team page shows.
 */
export function confirmRefusal(
  viewer: Party,
  nominee: Pick<Party, 'id' | 'agencyIds'>,
  proposedById: string
): string | null {
  if (viewer.id === nominee.id) return 'Nobody can confirm their own nomination.';
  if (viewer.authority) return null;
  if (!viewer.member) return NOT_MEMBER;
  if (viewer.restricted) {
    return 'A restricted member cannot confirm a lead professional: the team could not see who did.';
  }
  if (viewer.id === proposedById) return 'Another member must confirm the nomination you made.';
  if (
    viewer.agencyIds.length === 0 ||
    viewer.agencyIds.some((a) => nominee.agencyIds.includes(a))
  ) {
    return 'The nomination must be confirmed by a member from another agency than the nominee’s, an admin or a local lead for the area.';
  }
  return null;
}

/** Makes `nomineeId` the lead (and nobody else), recording when and how. */
async function appoint(
  tx: ManagedTransaction,
  clientId: string,
  nomineeId: string,
  byId: string,
  via: string
): Promise<string[]> {
  const { records } = await tx.run(
    `MATCH (c:Client {id: $clientId})
     OPTIONAL MATCH (old:Practitioner)-[om:MEMBER_OF]->(c)
     WHERE om.until IS NULL AND om.lead AND old.id <> $nomineeId
     WITH c, collect(om) AS previous, collect(DISTINCT old.id) AS previousIds
     FOREACH (om IN previous | SET om.lead = false REMOVE om.leadSince)
     WITH c, previousIds
     MATCH (:Practitioner {id: $nomineeId})-[tm:MEMBER_OF]->(c)
     WHERE tm.until IS NULL AND NOT coalesce(tm.restricted, false)
     WITH tm, previousIds ORDER BY tm.since DESC LIMIT 1
     SET tm.lead = true, tm.leadSince = datetime(), tm.leadAppointedById = $byId, tm.leadVia = $via
     RETURN previousIds`,
    { clientId, nomineeId, byId, via }
  );
  if (records.length === 0) throw new CommandError('BAD_USER_INPUT', NAMED_MEMBER);
  return records[0]!.get('previousIds') as string[];
}

async function closeProposal(
  tx: ManagedTransaction,
  proposalId: string,
  status: string,
  byId: string | null
): Promise<void> {
  await tx.run(
    `MATCH (p:LeadProposal {id: $proposalId})
     SET p.status = $status, p.decidedById = $byId, p.decidedAt = datetime()
     REMOVE p.pendingFor`,
    { proposalId, status, byId }
  );
}

/**
 * Nominate a lead (no lead yet) or, as the lead, offer the lead to another named member. Either
 * way nothing changes until someone else confirms or accepts.
 */
export async function proposeLead(
  viewer: Viewer,
  input: { clientId: string; nomineeId: string }
): Promise<{ proposalId: string; kind: ProposalKind }> {
  return runCommand(viewer.id, async (tx) => {
    const state = await lockAndRead(tx, input.clientId, viewer.id);
    if (!state.viewer.member) throw new CommandError('FORBIDDEN', NOT_MEMBER);
    if (state.viewer.restricted) {
      throw new CommandError(
        'FORBIDDEN',
        'A restricted member cannot propose a lead professional: the team would see your name.'
      );
    }
    await requireNamedMember(tx, input.clientId, input.nomineeId);
    if (state.pending) {
      throw new CommandError(
        'BAD_USER_INPUT',
        'A proposal for the lead professional is already waiting: it must be confirmed, accepted or declined first.'
      );
    }
    let kind: ProposalKind = 'NOMINATION';
    if (state.leadIds.length > 0) {
      if (!state.viewer.lead) {
        throw new CommandError('FORBIDDEN', 'Only the lead professional can hand over the lead.');
      }
      if (input.nomineeId === viewer.id) {
        throw new CommandError('BAD_USER_INPUT', 'You are already the lead professional.');
      }
      kind = 'HANDOVER';
    }
    const proposalId = randomUUID();
    await tx.run(
      `CREATE (:LeadProposal {id: $id, clientId: $clientId, pendingFor: $clientId, kind: $kind,
         nomineeId: $nomineeId, proposedById: $viewerId, status: 'PENDING', createdAt: datetime()})`,
      {
        id: proposalId,
        clientId: input.clientId,
        kind,
        nomineeId: input.nomineeId,
        viewerId: viewer.id
      }
    );
    return {
      result: { proposalId, kind },
      events: [
        commandEvent(
          kind === 'HANDOVER' ? 'team.lead.handover.offered' : 'team.lead.nominated',
          input.clientId,
          input.nomineeId,
          { proposalId }
        )
      ]
    };
  });
}

/** Accept a handover offered to you, or confirm a nomination you are entitled to confirm. */
export async function confirmLead(
  viewer: Viewer,
  input: { clientId: string; proposalId: string }
): Promise<{ leadId: string }> {
  return runCommand(viewer.id, async (tx) => {
    const state = await lockAndRead(tx, input.clientId, viewer.id);
    const me = state.viewer;
    if (!me.member && !me.authority) throw new CommandError('FORBIDDEN', NOT_MEMBER);
    const pending = state.pending;
    if (!pending || pending.id !== input.proposalId) {
      throw new CommandError('BAD_USER_INPUT', 'That proposal is no longer waiting.');
    }
    let via: string;
    if (pending.kind === 'HANDOVER') {
      if (me.id !== pending.nomineeId) {
        throw new CommandError(
          'FORBIDDEN',
          'Only the member the lead was offered to can accept it.'
        );
      }
      if (me.restricted) throw new CommandError('BAD_USER_INPUT', NAMED_MEMBER);
      if (!state.leadIds.includes(pending.proposedById)) {
        throw new CommandError('BAD_USER_INPUT', 'That proposal is no longer waiting.');
      }
      via = 'accepted';
    } else {
      if (state.leadIds.length > 0) {
        throw new CommandError('BAD_USER_INPUT', 'The team already has a lead professional.');
      }
      const nominee = await requireNamedMember(tx, input.clientId, pending.nomineeId);
      const refusal = confirmRefusal(me, nominee, pending.proposedById);
      if (refusal) throw new CommandError('FORBIDDEN', refusal);
      via = me.member ? 'confirmed' : 'confirmed-by-authority';
    }
    const previousLeadIds = await appoint(tx, input.clientId, pending.nomineeId, me.id, via);
    await closeProposal(tx, pending.id, via === 'accepted' ? 'ACCEPTED' : 'CONFIRMED', me.id);
    return {
      result: { leadId: pending.nomineeId },
      events: [
        commandEvent('team.lead.changed', input.clientId, pending.nomineeId, {
          proposalId: pending.id,
          via,
          previousLeadIds
        })
      ]
    };
  });
}

/**
 * Decline a proposal: the nominee declines, the proposer withdraws, and for a nomination anyone
 * who could confirm it may turn it down (so a stale nomination never blocks the team).
 */
export async function declineLead(
  viewer: Viewer,
  input: { clientId: string; proposalId: string }
): Promise<{ outcome: 'declined' | 'withdrawn' }> {
  return runCommand(viewer.id, async (tx) => {
    const state = await lockAndRead(tx, input.clientId, viewer.id);
    const me = state.viewer;
    if (!me.member && !me.authority) throw new CommandError('FORBIDDEN', NOT_MEMBER);
    const pending = state.pending;
    if (!pending || pending.id !== input.proposalId) {
      throw new CommandError('BAD_USER_INPUT', 'That proposal is no longer waiting.');
    }
    const nominee = await party(tx, input.clientId, pending.nomineeId);
    const mayDecline =
      me.id === pending.nomineeId ||
      me.id === pending.proposedById ||
      me.authority ||
      (pending.kind === 'NOMINATION' && confirmRefusal(me, nominee, pending.proposedById) === null);
    if (!mayDecline) {
      throw new CommandError(
        'FORBIDDEN',
        'Only the nominee, the member who proposed it or a member who could confirm it can decline it.'
      );
    }
    const outcome =
      me.id === pending.proposedById && me.id !== pending.nomineeId ? 'withdrawn' : 'declined';
    await closeProposal(tx, pending.id, outcome === 'withdrawn' ? 'WITHDRAWN' : 'DECLINED', me.id);
    return {
      result: { outcome },
      events: [
        commandEvent('team.lead.declined', input.clientId, pending.nomineeId, {
          proposalId: pending.id,
          kind: pending.kind,
          outcome
        })
      ]
    };
  });
}

/** An admin, or a local lead for the client's area, appoints a named member while there is no lead. */
export async function appointLead(
  viewer: Viewer,
  input: { clientId: string; leadId: string }
): Promise<{ leadId: string }> {
  return runCommand(viewer.id, async (tx) => {
    const state = await lockAndRead(tx, input.clientId, viewer.id);
    if (!state.viewer.authority) {
      throw new CommandError(
        'FORBIDDEN',
        'Only an admin or a local lead for the client’s area can appoint the lead professional directly.'
      );
    }
    if (input.leadId === viewer.id) {
      throw new CommandError(
        'FORBIDDEN',
        'Nobody can appoint themselves: ask the team to nominate you.'
      );
    }
    if (state.leadIds.length > 0) {
      throw new CommandError(
        'BAD_USER_INPUT',
        'The team has a lead professional: only they can hand over the lead.'
      );
    }
    await requireNamedMember(tx, input.clientId, input.leadId);
    const events: CommandEvent[] = [];
    if (state.pending) {
      await closeProposal(tx, state.pending.id, 'SUPERSEDED', viewer.id);
    }
    const previousLeadIds = await appoint(tx, input.clientId, input.leadId, viewer.id, 'appointed');
    events.push(
      commandEvent('team.lead.changed', input.clientId, input.leadId, {
        proposalId: state.pending?.id ?? null,
        via: 'appointed',
        previousLeadIds
      })
    );
    return { result: { leadId: input.leadId }, events };
  });
}

/**
 * For leaveTeam, in its transaction: proposals the leaver made or was nominated in are cancelled
 * (a handover from a leaving lead, a nomination of someone who is gone). Recorded for the
 * activity log; the team is already told about the leave itself.
 */
export async function cancelProposalsOf(
  tx: ManagedTransaction,
  clientId: string,
  practitionerId: string
): Promise<CommandEvent[]> {
  const { records } = await tx.run(
    `MATCH (p:LeadProposal {pendingFor: $clientId})
     WHERE p.nomineeId = $practitionerId OR p.proposedById = $practitionerId
     SET p.status = 'CANCELLED', p.decidedAt = datetime(), p.decidedById = null
     REMOVE p.pendingFor
     RETURN p.id AS id, p.kind AS kind, p.nomineeId AS nomineeId`,
    { clientId, practitionerId }
  );
  return records.map((r) =>
    commandEvent(
      'team.lead.cancelled',
      clientId,
      r.get('nomineeId') as string,
      { proposalId: r.get('id') as string, kind: r.get('kind') as string, reason: 'left' },
      false
    )
  );
}

export interface LeadProposalPerson {
  practitionerId: string;
  name: string | null;
  agencyName: string | null;
  isViewer: boolean;
}

export interface LeadProposalView {
  id: string;
  kind: ProposalKind;
  createdAt: string | null;
  nominee: LeadProposalPerson;
  proposedBy: LeadProposalPerson;
  /** Accept (handover) or confirm (nomination). */
  viewerCanConfirm: boolean;
  viewerCanDecline: boolean;
}

export interface LeadAppointmentView {
  proposal: LeadProposalView | null;
  /** An admin or local lead for the area, on a team without a lead. */
  viewerMayAppoint: boolean;
  hasLead: boolean;
}

/**
 * The pending proposal as a team member sees it, with what they may do about it; null for
 * anyone who is not a current member (rule 2: the team is for its members).
 */
export async function leadAppointment(
  viewerId: string,
  clientId: string
): Promise<LeadAppointmentView | null> {
  const session = getDriver().session({ database: database(), defaultAccessMode: 'READ' });
  try {
    return await session.executeRead(async (tx) => {
      const me = await party(tx, clientId, viewerId);
      if (!me.member) return null;
      const { records } = await tx.run(
        `MATCH (c:Client {id: $clientId})
         OPTIONAL MATCH (lp:Practitioner)-[lm:MEMBER_OF]->(c) WHERE lm.until IS NULL AND lm.lead
         WITH c, count(lp) > 0 AS hasLead
         OPTIONAL MATCH (pr:LeadProposal {pendingFor: $clientId})
         OPTIONAL MATCH (n:Practitioner {id: pr.nomineeId})
         OPTIONAL MATCH (n)-[:WORKS_AT]->(na:Agency)
         OPTIONAL MATCH (b:Practitioner {id: pr.proposedById})
         OPTIONAL MATCH (b)-[:WORKS_AT]->(ba:Agency)
         WITH hasLead, pr, n, b, head(collect(DISTINCT na.name)) AS nomineeAgency,
           head(collect(DISTINCT ba.name)) AS proposerAgency
         RETURN hasLead, CASE WHEN pr IS NULL THEN null ELSE {
           id: pr.id, kind: pr.kind, createdAt: toString(pr.createdAt),
           nomineeId: pr.nomineeId, nomineeName: n.name, nomineeAgency: nomineeAgency,
           proposedById: pr.proposedById, proposerName: b.name, proposerAgency: proposerAgency
         } END AS pr
         LIMIT 1`,
        { clientId }
      );
      const row = records[0];
      const hasLead = Boolean(row?.get('hasLead'));
      const pr = row?.get('pr') as Record<string, string | null> | null | undefined;
      let proposal: LeadProposalView | null = null;
      if (pr) {
        const nominee = await party(tx, clientId, pr.nomineeId!);
        const kind = pr.kind as ProposalKind;
        const viewerCanConfirm =
          kind === 'HANDOVER'
            ? viewerId === pr.nomineeId
            : !hasLead && confirmRefusal(me, nominee, pr.proposedById!) === null;
        proposal = {
          id: pr.id!,
          kind,
          createdAt: pr.createdAt ?? null,
          nominee: {
            practitionerId: pr.nomineeId!,
            name: pr.nomineeName ?? null,
            agencyName: pr.nomineeAgency ?? null,
            isViewer: viewerId === pr.nomineeId
          },
          proposedBy: {
            practitionerId: pr.proposedById!,
            name: pr.proposerName ?? null,
            agencyName: pr.proposerAgency ?? null,
            isViewer: viewerId === pr.proposedById
          },
          viewerCanConfirm,
          viewerCanDecline:
            viewerId === pr.nomineeId ||
            viewerId === pr.proposedById ||
            me.authority ||
            (kind === 'NOMINATION' && viewerCanConfirm)
        };
      }
      return { proposal, viewerMayAppoint: me.authority && !hasLead, hasLead };
    });
  } finally {
    await session.close();
  }
}
