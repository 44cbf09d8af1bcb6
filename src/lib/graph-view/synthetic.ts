/**
 * Synthetic networks of a given size, for the layout timing page and the benchmark: the shape of a
 * real answer (people in circles, teams, agencies, a restricted service) with made-up names and no
 * data from anywhere. Deterministic for a seed, so runs compare.
 */
import type { Neighbourhood, NetworkPerson, NetworkTeamMember } from './types.ts';
import { AGENCY_KINDS } from './style.ts';

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = ['Ava', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ira', 'Jo', 'Kai', 'Lou'];
const FAMILY = [
  'Abbott',
  'Baker',
  'Chen',
  'Doyle',
  'Evans',
  'Ford',
  'Gray',
  'Hale',
  'Ito',
  'Jones'
];
const KINDS = Object.keys(AGENCY_KINDS).filter(
  (k) => !['DOMESTIC_VIOLENCE', 'DRUG_ALCOHOL', 'SEXUAL_HEALTH'].includes(k)
);
const CIRCLE = ['FAMILY', 'FAMILY', 'FAMILY', 'HOUSEHOLD', 'SIGNIFICANT'] as const;

/** About `total` nodes once drawn: 40% people, 5% agencies, the rest practitioners. */
export function syntheticNeighbourhood(total: number, seed = 1): Neighbourhood {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const peopleCount = Math.max(1, Math.round(total * 0.4));
  const agencyCount = Math.max(2, Math.round(total * 0.05));
  const practitionerCount = Math.max(1, total - peopleCount - agencyCount - 1);
  const agencies = Array.from({ length: agencyCount }, (_, i) => ({
    id: `syn-agency-${i}`,
    name: `Synthetic ${AGENCY_KINDS[KINDS[i % KINDS.length]!]!.name} ${i}`,
    kind: KINDS[i % KINDS.length]!
  }));
  const practitioners: NetworkTeamMember[] = Array.from({ length: practitionerCount }, (_, i) => {
    const agency = pick(agencies);
    return {
      masked: false,
      restricted: false,
      lead: false,
      isViewer: i === 0,
      dutyPhone: null,
      practitionerId: `syn-prac-${i}`,
      name: `${pick(GIVEN)} ${pick(FAMILY)} ${i}`,
      jobTitle: 'Worker',
      phone: '0400 000 000',
      email: `worker${i}@synthetic.example`,
      agencyId: agency.id,
      agencyName: agency.name,
      agencyKind: agency.kind,
      agencyPhone: null
    };
  });
  const people: NetworkPerson[] = Array.from({ length: peopleCount }, (_, i) => ({
    clientId: `syn-client-${i}`,
    givenName: pick(GIVEN),
    familyName: `${pick(FAMILY)}-${i}`,
    preferredName: null,
    distance: i === 0 ? 0 : 1,
    viewerIsMember: i === 0 || rand() > 0.2,
    team: []
  }));
  // Every practitioner works with one to three people; the viewer with the centre.
  practitioners.forEach((p, i) => {
    const count = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < count; k++) {
      const person = i === 0 ? people[0]! : pick(people);
      if (person.viewerIsMember && !person.team.includes(p)) person.team.push(p);
    }
  });
  people[0]!.team.push({
    masked: true,
    restricted: true,
    lead: false,
    isViewer: false
  });
  const links = people.slice(1).map((person, i) => ({
    fromId: people[Math.floor(rand() * (i + 1))]!.clientId,
    toId: person.clientId,
    kind: pick(CIRCLE),
    label: 'relative',
    reciprocal: 'relative'
  }));
  return { centreId: people[0]!.clientId, depth: 3, truncated: false, people, links };
}
