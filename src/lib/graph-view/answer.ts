/**
 * Query.neighbourhood answers with each practitioner and agency once and teams that refer to them
 * (a family's workers are mostly the same few people on everybody's team, so this is a fraction
 * of the bytes and of the GraphQL work). The graph code reads whole team members: this puts them
 * back together: one member per team entry, with that team's flags (lead, restricted, viewer).
 */
import type {
  Neighbourhood,
  NeighbourhoodAnswer,
  NeighbourhoodTeamEntry,
  NetworkTeamMember
} from './types.ts';

export function inflateNeighbourhood(answer: NeighbourhoodAnswer): Neighbourhood {
  const agencies = new Map(answer.agencies.map((a) => [a.agencyId, a]));
  const members = new Map<string, NetworkTeamMember>();
  for (const p of answer.practitioners) {
    const agency = p.agencyId ? agencies.get(p.agencyId) : undefined;
    members.set(p.practitionerId, {
      masked: false,
      restricted: false,
      lead: false,
      isViewer: false,
      dutyPhone: agency?.dutyPhone ?? null,
      practitionerId: p.practitionerId,
      name: p.name,
      jobTitle: p.jobTitle,
      phone: p.phone,
      email: p.email,
      agencyId: agency?.agencyId ?? null,
      agencyName: agency?.name ?? null,
      agencyKind: agency?.kind ?? null,
      agencyPhone: agency?.phone ?? null
    });
  }
  const member = (entry: NeighbourhoodTeamEntry): NetworkTeamMember | null => {
    const flags = {
      masked: entry.masked,
      restricted: entry.restricted,
      lead: entry.lead,
      isViewer: entry.isViewer
    };
    if (entry.masked) return flags;
    const known = entry.practitionerId ? members.get(entry.practitionerId) : undefined;
    // An entry pointing at nobody would be a server bug: drop it rather than draw a blank node.
    return known ? { ...known, ...flags } : null;
  };
  return {
    centreId: answer.centreId,
    depth: answer.depth,
    truncated: answer.truncated,
    links: answer.links,
    people: answer.people.map((person) => ({
      ...person,
      team: person.team.map(member).filter((m): m is NetworkTeamMember => m !== null)
    }))
  };
}
