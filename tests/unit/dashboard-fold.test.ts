import { describe, expect, it } from 'vitest';
import {
  asOf,
  collaboration,
  figuresAt,
  firstAtOrAfter,
  gapCounts,
  linksOf,
  newMembershipsBetween,
  topCollaboration
} from '../../src/lib/server/dashboard/fold.ts';
import type { AgencyRow, ClientRow, MemberRow } from '../../src/lib/server/dashboard/types.ts';

const member = (over: Partial<MemberRow>): MemberRow => ({
  practitioner: 'p1',
  agency: 'a1',
  since: 10,
  until: null,
  lead: false,
  restricted: false,
  confirmedAt: 10,
  ...over
});

const client = (over: Partial<ClientRow>): ClientRow => ({
  council: 'C1',
  createdAt: 0,
  members: [],
  attentions: [],
  links: [],
  ...over
});

const agency = (over: Partial<AgencyRow>): AgencyRow => ({
  id: 'a1',
  name: 'Agency 1',
  kind: 'POLICE',
  createdAt: 0,
  served: ['C1'],
  practitioners: [],
  ...over
});

describe('figuresAt', () => {
  const clients = [
    client({
      createdAt: 5,
      members: [
        member({ practitioner: 'p1', since: 10, until: 30 }),
        member({ practitioner: 'p2', since: 20, until: null })
      ],
      attentions: [{ createdAt: 15, resolvedAt: 25 }],
      links: [{ since: 12, other: 'C1' }]
    }),
    client({ createdAt: 40, members: [member({ since: 45, until: null })] })
  ];
  const agencies = [
    agency({ createdAt: 0, practitioners: [{ id: 'p1', createdAt: 3 }] }),
    agency({
      id: 'a2',
      createdAt: 35,
      practitioners: [
        { id: 'p1', createdAt: 3 },
        { id: 'p3', createdAt: 36 }
      ]
    })
  ];

  it('counts what existed at each time, a missing start meaning "always"', () => {
    const [t0, t10, t20, t30, t50] = figuresAt(
      clients,
      linksOf(clients),
      agencies,
      [0, 10, 20, 30, 50]
    );
    expect(t0).toEqual({
      practitioners: 0,
      agencies: 1,
      clients: 0,
      activeTeams: 0,
      memberships: 0,
      circleLinks: 0,
      openAttentions: 0
    });
    expect(t10).toMatchObject({ clients: 1, memberships: 1, activeTeams: 1, practitioners: 1 });
    expect(t20).toMatchObject({
      memberships: 2,
      activeTeams: 1,
      openAttentions: 1,
      circleLinks: 1
    });
    // p1 left at 30 (exclusive end), p2 stays; the attention was resolved at 25.
    expect(t30).toMatchObject({ memberships: 1, activeTeams: 1, openAttentions: 0 });
    // Practitioners are counted once each, however many agencies list them.
    expect(t50).toMatchObject({
      clients: 2,
      memberships: 2,
      activeTeams: 2,
      agencies: 2,
      practitioners: 2
    });
  });

  it('answers in the order the times were asked', () => {
    const forward = figuresAt(clients, [], agencies, [10, 50]);
    const backward = figuresAt(clients, [], agencies, [50, 10]);
    expect(backward).toEqual([forward[1], forward[0]]);
  });

  it('counts a team with overlapping and separate memberships once per point', () => {
    const team = [
      client({
        members: [
          member({ practitioner: 'x', since: 0, until: 20 }),
          member({ practitioner: 'y', since: 10, until: 30 }),
          member({ practitioner: 'z', since: 50, until: null })
        ]
      })
    ];
    const points = figuresAt(team, [], [], [5, 15, 25, 40, 60]);
    expect(points.map((p) => p.activeTeams)).toEqual([1, 1, 1, 0, 1]);
    expect(points.map((p) => p.memberships)).toEqual([1, 2, 1, 0, 1]);
  });
});

describe('asOf', () => {
  it('ends every membership with an until by now, so "now" means until IS NULL', () => {
    const rows = asOf(
      { clients: [client({ members: [member({ since: 10, until: 999 })] })], agencies: [] },
      100
    );
    expect(rows.clients[0]?.members[0]?.until).toBe(100);
    expect(figuresAt(rows.clients, [], [], [100])[0]?.memberships).toBe(0);
  });
});

describe('newMembershipsBetween', () => {
  it('puts each new membership in the week it began, the last week up to now', () => {
    const clients = [
      client({
        members: [
          member({ since: 0 }),
          member({ since: 9 }),
          member({ since: 10 }),
          member({ since: 25 })
        ]
      }),
      client({ members: [member({ since: -5 }), member({ since: 99 })] })
    ];
    expect(newMembershipsBetween(clients, [0, 10, 20], 30)).toEqual([2, 1, 1]);
  });

  it('finds the first time at or after a value', () => {
    expect(firstAtOrAfter([0, 10, 20], 10)).toBe(1);
    expect(firstAtOrAfter([0, 10, 20], 11)).toBe(2);
    expect(firstAtOrAfter([0, 10, 20], 21)).toBe(3);
    expect(firstAtOrAfter([0, 10, 20], null)).toBe(0);
  });
});

describe('gapCounts', () => {
  it('finds one-worker clients, teams without a lead and stale memberships', () => {
    const clients = [
      client({ members: [member({ practitioner: 'a', confirmedAt: 1 })] }),
      client({
        members: [
          member({ practitioner: 'a', lead: true, confirmedAt: 80 }),
          member({ practitioner: 'b', confirmedAt: 90 })
        ]
      }),
      client({ members: [member({ practitioner: 'a', until: 20 })] })
    ];
    expect(gapCounts(clients, 100, 50)).toEqual({ oneWorker: 1, noLead: 1, stale: 1 });
  });
});

describe('collaboration', () => {
  it('links agencies by clients shared, leaving restricted members out', () => {
    const clients = [
      client({
        members: [
          member({ practitioner: 'p1', agency: 'A' }),
          member({ practitioner: 'p2', agency: 'B' }),
          member({ practitioner: 'p3', agency: 'DV', restricted: true })
        ]
      }),
      client({
        members: [
          member({ practitioner: 'p1', agency: 'A' }),
          member({ practitioner: 'p4', agency: 'B' })
        ]
      }),
      client({
        members: [
          member({ practitioner: 'p5', agency: 'C' }),
          member({ practitioner: 'p6', agency: 'A', until: 5 })
        ]
      })
    ];
    const counts = collaboration(clients, 100);
    expect([...counts.shared]).toEqual([['A|B', 2]]);
    expect(Object.fromEntries(counts.practitioners)).toEqual({ A: 1, B: 2, C: 1 });
    const top = topCollaboration(counts, 10, 10);
    expect(top.edges).toEqual([{ source: 'A', target: 'B', weight: 2 }]);
    // C works alone here: still on the map.
    expect(top.nodes.sort()).toEqual(['A', 'B', 'C']);
    expect(topCollaboration(counts, 10, 1).edges).toEqual([]);
  });
});
