/**
 * The multi-agency meeting pack: attendees with their contacts and agencies, an agenda, a
 * chronology of team changes and attentions, and the circle as a list. Read through GraphQL like
 * every page. A withheld address never goes into a pack (DESIGN.md rule 4), not even for the
 * member who withheld it: packs are printed and passed round.
 */
import { executeGraphQL } from '../graphql/execute.ts';
import type { Viewer } from '../graphql/viewer.ts';
import type { MeetingCandidate, TimelineEntry } from '../teams/team-queries.ts';
import { firstNameAndInitial } from './ics.ts';

export const PACK_QUERY = `query MeetingPack($id: ID!) {
  client(id: $id) {
    id givenName familyName preferredName dob aliases
    council { name }
    address { withheldForSafety text }
    circle { clientId givenName familyName kind label agencies viewerIsMember }
  }
  meetingCandidates(clientId: $id) {
    key teamClientId teamGivenName teamFamilyName relationship masked lead isViewer
    name jobTitle phone email agencyName dutyPhone
  }
  clientTimeline(clientId: $id, limit: 200) {
    kind at actorMasked actorName actorAgency actorIsViewer subjectName detail
  }
}`;

export const CANDIDATES_QUERY = `query MeetingCandidates($id: ID!) {
  meetingCandidates(clientId: $id) {
    key teamClientId teamGivenName teamFamilyName relationship masked lead isViewer
    name jobTitle phone email agencyName dutyPhone
  }
}`;

export interface PackCircleMember {
  clientId: string;
  givenName: string;
  familyName: string;
  kind: string;
  label: string | null;
  agencies: string[];
}

interface PackQueryData {
  client: {
    id: string;
    givenName: string;
    familyName: string;
    preferredName: string | null;
    dob: string | null;
    aliases: string[];
    council: { name: string } | null;
    address: { withheldForSafety: boolean; text: string | null } | null;
    circle: (PackCircleMember & { viewerIsMember: boolean })[];
  } | null;
  meetingCandidates: MeetingCandidate[];
  clientTimeline: TimelineEntry[];
}

/** The standing agenda of a multi-agency meeting. */
export const AGENDA = [
  'Introductions',
  'Apologies',
  'Confidentiality: what is shared here stays with the people who need to know',
  'Each agency’s role with the family',
  'Concerns and what is going well',
  'Actions: who does what, by when',
  'Date of the next meeting'
] as const;

/** Kinds that belong in a pack's chronology (team changes and attentions). */
const CHRONOLOGY_KINDS = new Set([
  'team.joined',
  'team.left',
  'team.lead.changed',
  'circle.changed',
  'attention.raised',
  'attention.resolved'
]);

export interface MeetingPack {
  client: {
    id: string;
    givenName: string;
    familyName: string;
    preferredName: string | null;
    shortName: string;
    dob: string | null;
    aliases: string[];
    councilName: string | null;
    /** Null when there is none or when it is withheld for safety. */
    address: string | null;
    addressWithheld: boolean;
  };
  attendees: MeetingCandidate[];
  /** Keys asked for that the viewer may not (or no longer) invite. */
  unknownAttendees: number;
  agencies: { name: string; attendees: string[] }[];
  agenda: readonly string[];
  chronology: TimelineEntry[];
  circle: PackCircleMember[];
}

export async function meetingCandidatesFor(
  viewer: Viewer,
  clientId: string
): Promise<MeetingCandidate[]> {
  const data = await executeGraphQL<{ meetingCandidates: MeetingCandidate[] }>(
    viewer,
    CANDIDATES_QUERY,
    { id: clientId }
  );
  return data.meetingCandidates;
}

/** The pack for a current member (callers check membership first: the address is members-only). */
export async function loadMeetingPack(
  viewer: Viewer,
  clientId: string,
  attendeeKeys: string[]
): Promise<MeetingPack | null> {
  const data = await executeGraphQL<PackQueryData>(viewer, PACK_QUERY, { id: clientId });
  const client = data.client;
  if (!client) return null;
  const wanted = new Set(attendeeKeys);
  const seen = new Set<string>();
  const attendees = data.meetingCandidates.filter((c) => {
    if (!wanted.has(c.key) || seen.has(c.key)) return false;
    seen.add(c.key);
    return true;
  });
  const agencies = new Map<string, string[]>();
  for (const a of attendees) {
    const agency = a.masked ? 'A restricted service' : (a.agencyName ?? 'No agency recorded');
    const list = agencies.get(agency) ?? [];
    // Rule 3: nothing that narrows a restricted service down, not even its duty line.
    list.push(a.masked ? 'told through Teamaround' : (a.name ?? ''));
    agencies.set(agency, list);
  }
  const withheld = client.address?.withheldForSafety === true;
  return {
    client: {
      id: client.id,
      givenName: client.givenName,
      familyName: client.familyName,
      preferredName: client.preferredName,
      shortName: firstNameAndInitial(client.givenName, client.familyName),
      dob: client.dob,
      aliases: client.aliases,
      councilName: client.council?.name ?? null,
      address: withheld ? null : (client.address?.text ?? null),
      addressWithheld: withheld
    },
    attendees,
    unknownAttendees: wanted.size - attendees.length,
    agencies: [...agencies.entries()]
      .map(([name, people]) => ({ name, attendees: people }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    agenda: AGENDA,
    chronology: data.clientTimeline.filter((e) => CHRONOLOGY_KINDS.has(e.kind)),
    circle: client.circle.map(({ viewerIsMember: _member, ...person }) => person)
  };
}
