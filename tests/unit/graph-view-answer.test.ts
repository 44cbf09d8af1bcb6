/** Putting Query.neighbourhood's compact answer back together as whole team members. */
import { describe, expect, it } from 'vitest';
import { inflateNeighbourhood } from '../../src/lib/graph-view/answer.ts';
import type { NeighbourhoodAnswer } from '../../src/lib/graph-view/types.ts';

const person = (clientId: string, team: NeighbourhoodAnswer['people'][number]['team']) => ({
  clientId,
  givenName: clientId,
  familyName: 'Test',
  preferredName: null,
  distance: clientId === 'mum' ? 0 : 1,
  viewerIsMember: team.length > 0,
  team
});

const entry = (practitionerId: string, flags: { lead?: boolean; isViewer?: boolean } = {}) => ({
  masked: false,
  restricted: false,
  lead: flags.lead ?? false,
  isViewer: flags.isViewer ?? false,
  practitionerId
});

function answer(): NeighbourhoodAnswer {
  return {
    centreId: 'mum',
    depth: 1,
    truncated: false,
    people: [
      person('mum', [
        entry('sw', { lead: true, isViewer: true }),
        entry('gp'),
        {
          masked: true,
          restricted: true,
          lead: false,
          isViewer: false,
          practitionerId: null
        }
      ]),
      person('kid', [entry('sw'), entry('nobody')]),
      person('dad', [])
    ],
    links: [{ fromId: 'mum', toId: 'kid', kind: 'FAMILY', label: 'mother', reciprocal: 'son' }],
    practitioners: [
      {
        practitionerId: 'sw',
        name: 'Sam Worker',
        jobTitle: 'Caseworker',
        phone: '01',
        email: 'sam@example.test',
        agencyId: 'dcj'
      },
      {
        practitionerId: 'gp',
        name: 'Gail P',
        jobTitle: null,
        phone: null,
        email: null,
        agencyId: null
      }
    ],
    agencies: [
      { agencyId: 'dcj', name: 'DCJ West', kind: 'CHILD_PROTECTION', phone: '02', dutyPhone: '03' }
    ]
  };
}

describe('inflateNeighbourhood', () => {
  it('gives every team entry its practitioner and agency, with that team’s own flags', () => {
    const n = inflateNeighbourhood(answer());
    const [mum, kid] = n.people;
    expect(mum?.team[0]).toEqual({
      masked: false,
      restricted: false,
      lead: true,
      isViewer: true,
      dutyPhone: '03',
      practitionerId: 'sw',
      name: 'Sam Worker',
      jobTitle: 'Caseworker',
      phone: '01',
      email: 'sam@example.test',
      agencyId: 'dcj',
      agencyName: 'DCJ West',
      agencyKind: 'CHILD_PROTECTION',
      agencyPhone: '02'
    });
    // The same practitioner on another team is not lead there.
    expect(kid?.team[0]).toMatchObject({ practitionerId: 'sw', lead: false, isViewer: false });
    expect(mum?.team[1]).toMatchObject({ name: 'Gail P', agencyId: null, agencyName: null });
  });

  it('keeps a masked entry to its flags alone and drops entries that refer to nobody', () => {
    const n = inflateNeighbourhood(answer());
    expect(n.people[0]?.team[2]).toEqual({
      masked: true,
      restricted: true,
      lead: false,
      isViewer: false
    });
    expect(n.people[1]?.team.map((m) => m.practitionerId)).toEqual(['sw']);
    expect(n.people[2]?.team).toEqual([]);
  });

  it('keeps the centre, depth, truncation and links as they came', () => {
    const n = inflateNeighbourhood(answer());
    expect(n).toMatchObject({ centreId: 'mum', depth: 1, truncated: false });
    expect(n.links).toEqual(answer().links);
    expect(n.people.map((p) => p.clientId)).toEqual(['mum', 'kid', 'dad']);
  });
});
