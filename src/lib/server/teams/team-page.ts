/**
 * The team page's read (GraphQL, like every page) and what it makes of it: member cards with
 * stale flags, the address as the viewer may see it, the open-attention count, the councils the
 * details form offers.
 */
import { executeGraphQL } from '../graphql/execute.ts';
import type { Viewer } from '../graphql/viewer.ts';
import { isStale } from './confirm-involvement.ts';
import type { LeadAppointmentView } from './lead-appointment.ts';

export const TEAM_PAGE = `query TeamPage($id: ID!) {
  client(id: $id) {
    id
    aliases
    viewerMembership { restricted lead since lastConfirmedAt }
    team {
      masked restricted lead isViewer dutyPhone practitionerId name jobTitle phone email
      agencyName since lastConfirmedAt leadSince reason
    }
    attentions { resolvedAt }
    address {
      visible text withheldForSafety updatedAt
      withheldBy { masked isViewer name }
    }
  }
  leadAppointment(clientId: $id) {
    hasLead viewerMayAppoint
    proposal {
      id kind createdAt viewerCanConfirm viewerCanDecline
      nominee { practitionerId name agencyName isViewer }
      proposedBy { practitionerId name agencyName isViewer }
    }
  }
}`;

export const COUNCILS = `query Councils($state: String!) {
  areas(
    where: { level: { eq: "COUNCIL" }, state: { eq: $state } }
    sort: [{ name: ASC }]
    limit: 500
  ) {
    code name
  }
}`;

interface TeamMember {
  masked: boolean;
  restricted: boolean;
  lead: boolean;
  isViewer: boolean;
  dutyPhone: string | null;
  practitionerId: string | null;
  name: string | null;
  jobTitle: string | null;
  phone: string | null;
  email: string | null;
  agencyName: string | null;
  since: string | null;
  lastConfirmedAt: string | null;
  leadSince: string | null;
  reason: string | null;
}

export interface TeamPageData {
  leadAppointment: LeadAppointmentView | null;
  client: {
    aliases: string[];
    viewerMembership: {
      restricted: boolean;
      lead: boolean;
      since: string | null;
      lastConfirmedAt: string | null;
    } | null;
    team: TeamMember[];
    attentions: { resolvedAt: string | null }[];
    address: {
      visible: boolean;
      text: string | null;
      withheldForSafety: boolean;
      updatedAt: string | null;
      withheldBy: {
        masked: boolean;
        isViewer: boolean;
        name: string | null;
      } | null;
    } | null;
  } | null;
}

type Council = { code: string; name: string };

/**
 * Council areas are reference data that only migrations change, so each state's list is kept for
 * a while rather than read on every team page view (it was a third of the page's read time).
 */
const COUNCIL_TTL_MS = 10 * 60_000;
const councilCache = new Map<string, { at: number; list: Promise<Council[]> }>();

function councilsOf(viewer: Viewer, state: string): Promise<Council[]> {
  const cached = councilCache.get(state);
  if (cached && Date.now() - cached.at < COUNCIL_TTL_MS) return cached.list;
  const list = executeGraphQL<{ areas: Council[] }>(viewer, COUNCILS, { state }).then(
    (data) => data.areas
  );
  councilCache.set(state, { at: Date.now(), list });
  list.catch(() => councilCache.delete(state));
  return list;
}

export type MemberCard = TeamMember & { stale: boolean };

/** The team page's GraphQL read, on its own so that it can start beside the access check. */
export function readTeamPage(viewer: Viewer, clientId: string): Promise<TeamPageData> {
  return executeGraphQL<TeamPageData>(viewer, TEAM_PAGE, { id: clientId });
}

export async function loadTeamPage(
  viewer: Viewer,
  read: Promise<TeamPageData>,
  state: string | null
) {
  const [data, councils] = await Promise.all([read, councilsOf(viewer, state ?? '')]);
  const client = data.client;
  if (!client) return null;
  const now = new Date();
  const members: MemberCard[] = client.team.map((m) => ({
    ...m,
    stale: !m.masked && isStale(m.lastConfirmedAt ?? m.since, now)
  }));
  const membership = client.viewerMembership;
  const address = client.address;
  return {
    aliases: client.aliases,
    members,
    viewer: {
      restricted: membership?.restricted ?? false,
      lead: membership?.lead ?? false,
      stale: isStale(membership?.lastConfirmedAt ?? membership?.since, now),
      lastConfirmedAt: membership?.lastConfirmedAt ?? null
    },
    openAttentions: client.attentions.filter((a) => !a.resolvedAt).length,
    // The pending nomination or handover and what the viewer may do about it (rule 4).
    leadAppointment: data.leadAppointment ?? {
      proposal: null,
      hasLead: members.some((m) => m.lead),
      viewerMayAppoint: false
    },
    address: address && {
      visible: address.visible,
      text: address.visible ? address.text : null,
      withheldForSafety: address.withheldForSafety,
      updatedAt: address.updatedAt,
      // Whom to ask: a restricted member only as such (rule 3), reached through the relay.
      withheldBy: address.withheldBy
        ? address.withheldBy.masked
          ? 'the restricted service (use “Ask them to contact me”)'
          : address.withheldBy.isViewer
            ? 'you'
            : (address.withheldBy.name ?? 'a team member')
        : null,
      // Only the member who withheld it and the lead may change it (rule 4).
      editable: !address.withheldForSafety || address.visible
    },
    councils
  };
}
