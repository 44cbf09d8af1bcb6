/** Building the graph from neighbourhood answers: what is drawn, grouped, merged and collapsed. */
import { describe, expect, it } from 'vitest';
import {
  buildNetwork,
  collapseGroups,
  households,
  relationText
} from '../../src/lib/graph-view/elements.ts';
import { toCytoscape } from '../../src/lib/graph-view/cy-elements.ts';
import { withExpansion, withoutExpansion } from '../../src/lib/graph-view/expansion.ts';
import { buildMyNetwork } from '../../src/lib/graph-view/my-network.ts';
import type { Neighbourhood, NetworkPerson } from '../../src/lib/graph-view/types.ts';

const person = (id: string, given: string, member: boolean, distance = 1): NetworkPerson => ({
  clientId: id,
  givenName: given,
  familyName: 'Test',
  preferredName: null,
  distance,
  viewerIsMember: member,
  team: []
});

function sample(): Neighbourhood {
  const mum = person('mum', 'Mum', true, 0);
  mum.team = [
    {
      masked: false,
      restricted: false,
      lead: true,
      isViewer: true,
      dutyPhone: null,
      practitionerId: 'p-me',
      name: 'Chris Walker',
      jobTitle: 'Caseworker',
      phone: '02 1',
      email: 'me@example.test',
      agencyId: 'a-cp',
      agencyName: 'Child Protection',
      agencyKind: 'CHILD_PROTECTION',
      agencyPhone: '02 9'
    },
    {
      masked: false,
      restricted: false,
      lead: false,
      isViewer: false,
      dutyPhone: null,
      practitionerId: 'p-gp',
      name: 'Dr Gee',
      jobTitle: 'GP',
      phone: '02 2',
      email: 'gp@example.test',
      agencyId: 'a-gp',
      agencyName: 'Surgery',
      agencyKind: 'GP',
      agencyPhone: null
    },
    { masked: true, restricted: true, lead: false, isViewer: false }
  ];
  const son = person('son', 'Son', true);
  son.team = [{ ...mum.team[1]! }];
  return {
    centreId: 'mum',
    depth: 1,
    truncated: false,
    people: [mum, son, person('dad', 'Dad', false), person('gran', 'Gran', true)],
    links: [
      { fromId: 'mum', toId: 'son', kind: 'FAMILY', label: 'mother', reciprocal: 'son' },
      { fromId: 'dad', toId: 'mum', kind: 'SIGNIFICANT', label: 'partner', reciprocal: 'partner' },
      {
        fromId: 'gran',
        toId: 'mum',
        kind: 'HOUSEHOLD',
        label: 'household member',
        reciprocal: 'household member'
      },
      {
        fromId: 'son',
        toId: 'gran',
        kind: 'HOUSEHOLD',
        label: 'grandchild',
        reciprocal: 'grandparent'
      },
      // The same link again, stored the other way: drawn once.
      { fromId: 'son', toId: 'mum', kind: 'FAMILY', label: 'son', reciprocal: 'mother' }
    ]
  };
}

describe('buildNetwork', () => {
  it('draws people, practitioners, agencies and restricted services with namespaced ids', () => {
    const model = buildNetwork([sample()]);
    const ids = model.nodes.map((n) => n.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'client:mum',
        'client:son',
        'client:dad',
        'client:gran',
        'practitioner:p-me',
        'practitioner:p-gp',
        'agency:a-cp',
        'agency:a-gp',
        'restricted:mum'
      ])
    );
    // Dr Gee works with mum and son: one node, two lines.
    expect(ids.filter((id) => id === 'practitioner:p-gp')).toHaveLength(1);
    const gpEdges = model.edges.filter(
      (e) => e.source === 'practitioner:p-gp' && e.type === 'works-with'
    );
    expect(gpEdges.map((e) => e.target).sort()).toEqual(['client:mum', 'client:son']);
    expect(model.nodes[0]?.id).toBe('household:gran');
    expect(model.nodes.find((n) => n.centre)?.id).toBe('client:mum');
  });

  it('gives someone whose team the viewer is not on nothing behind them', () => {
    const data = sample();
    // Even if an answer carried a team for a non-member, it is not drawn.
    data.people[2]!.team = [
      { ...data.people[0]!.team[1]!, practitionerId: 'p-secret', name: 'Secret' }
    ];
    const model = buildNetwork([data]);
    const dad = model.nodes.find((n) => n.id === 'client:dad');
    expect(dad).toMatchObject({ member: false, type: 'client', label: 'Dad Test' });
    expect(model.nodes.some((n) => n.id === 'practitioner:p-secret')).toBe(false);
    expect(model.edges.filter((e) => e.target === 'client:dad' && e.type === 'works-with')).toEqual(
      []
    );
  });

  it('masks restricted services as one node per team, with nothing that names them', () => {
    const data = sample();
    data.people[1]!.team.push({ ...data.people[0]!.team[2]! });
    const model = buildNetwork([data]);
    // One node per team: a node per duty line would name the service through the phone book,
    // and one node shared by two teams would say it is the same service.
    const restricted = model.nodes.filter((n) => n.type === 'restricted');
    expect(restricted).toEqual([
      {
        id: 'restricted:mum',
        type: 'restricted',
        label: 'Restricted service',
        teamClientId: 'mum'
      },
      { id: 'restricted:son', type: 'restricted', label: 'Restricted service', teamClientId: 'son' }
    ]);
    const lines = model.edges.filter((e) => e.source.startsWith('restricted:'));
    expect(lines.map((e) => `${e.source}>${e.target}`).sort()).toEqual([
      'restricted:mum>client:mum',
      'restricted:son>client:son'
    ]);
  });

  it('merges duplicate circle links and keeps both roles', () => {
    const model = buildNetwork([sample()]);
    const family = model.edges.filter((e) => e.type === 'FAMILY');
    expect(family).toHaveLength(1);
    expect(family[0]).toMatchObject({ sourceRole: 'mother', targetRole: 'son' });
    const label = (id: string) => model.nodes.find((n) => n.id === id)?.label ?? id;
    expect(relationText(family[0]!, label)).toBe(
      'Mum Test is mother of Son Test · Son Test is son of Mum Test'
    );
  });

  it('boxes households: connected HOUSEHOLD links, one box', () => {
    const groups = households(sample().links);
    expect(new Set(groups.values())).toEqual(new Set(['household:gran']));
    expect([...groups.keys()].sort()).toEqual(['gran', 'mum', 'son']);
    const model = buildNetwork([sample()]);
    expect(
      model.nodes
        .filter((n) => n.parent === 'household:gran')
        .map((n) => n.id)
        .sort()
    ).toEqual(['client:gran', 'client:mum', 'client:son']);
  });

  it('groups practitioners inside their agency for big graphs, and collapses groups', () => {
    const grouped = buildNetwork([sample()], { groupByAgency: true });
    expect(grouped.nodes.find((n) => n.id === 'practitioner:p-gp')?.parent).toBe('agency:a-gp');
    expect(grouped.edges.some((e) => e.type === 'works-at')).toBe(false);
    const collapsed = buildNetwork([sample()], {
      groupByAgency: true,
      collapsed: new Set(['agency:a-gp'])
    });
    expect(collapsed.nodes.some((n) => n.id === 'practitioner:p-gp')).toBe(false);
    expect(collapsed.nodes.find((n) => n.id === 'agency:a-gp')).toMatchObject({
      collapsed: true,
      count: 1
    });
    const toGroup = collapsed.edges.filter((e) => e.source === 'agency:a-gp');
    expect(toGroup.map((e) => e.target).sort()).toEqual(['client:mum', 'client:son']);
  });

  it('never collapses the box the centre is in', () => {
    const model = buildNetwork([sample()], { collapsed: new Set(['household:gran']) });
    expect(model.nodes.some((n) => n.id === 'client:mum')).toBe(true);
    const { nodes } = collapseGroups(
      model.nodes,
      model.edges,
      new Set(['household:gran']),
      'client:dad'
    );
    expect(nodes.find((n) => n.id === 'household:gran')).toMatchObject({
      collapsed: true,
      count: 3
    });
  });

  it('lets a later answer (after joining) win and marks expanded people', () => {
    const first = sample();
    const dadNow = person('dad', 'Dad', true, 0);
    dadNow.team = [
      { ...first.people[0]!.team[1]!, practitionerId: 'p-dads', name: 'Dad’s worker' }
    ];
    const second: Neighbourhood = {
      centreId: 'dad',
      depth: 1,
      truncated: true,
      people: [dadNow, { ...first.people[0]!, distance: 1 }],
      links: [first.links[1]!]
    };
    const sources = withExpansion([first], second);
    const model = buildNetwork(sources);
    expect(model.nodes.find((n) => n.id === 'client:dad')).toMatchObject({
      member: true,
      expanded: true,
      distance: 1
    });
    expect(model.nodes.some((n) => n.id === 'practitioner:p-dads')).toBe(true);
    expect(model.truncated).toBe(true);
    // Collapsing takes away what only that answer brought.
    const back = buildNetwork(withoutExpansion(sources, 'dad'));
    expect(back.nodes.some((n) => n.id === 'practitioner:p-dads')).toBe(false);
    expect(withoutExpansion(sources, 'mum')).toHaveLength(2);
  });
});

describe('toCytoscape', () => {
  it('emits nodes before edges, with display labels and relation titles, and no undefined data', () => {
    const elements = toCytoscape(buildNetwork([sample()]));
    const firstEdge = elements.findIndex((e) => e.group === 'edges');
    expect(elements.slice(firstEdge).every((e) => e.group === 'edges')).toBe(true);
    const restricted = elements.find((e) => e.data.id === 'restricted:mum');
    expect(restricted?.data.display).toBe('Restricted service');
    const family = elements.find((e) => e.data.type === 'FAMILY');
    expect(family?.data).toMatchObject({
      roles: 'mother / son',
      source: 'client:mum',
      target: 'client:son'
    });
    for (const el of elements) {
      expect(Object.values(el.data).includes(undefined)).toBe(false);
    }
  });
});

describe('buildMyNetwork', () => {
  it('joins colleagues to the viewer with a weight of shared clients', () => {
    const model = buildMyNetwork({
      viewerId: 'me',
      viewerName: 'Chris',
      agencyId: 'a',
      agencyName: 'CP',
      agencyKind: 'CHILD_PROTECTION',
      truncated: false,
      clients: [
        { clientId: 'c1', givenName: 'A', familyName: 'B', preferredName: null },
        { clientId: 'c2', givenName: 'C', familyName: 'D', preferredName: 'Cee' }
      ],
      colleagues: [
        {
          practitionerId: 'col',
          name: 'Pat',
          jobTitle: null,
          phone: null,
          email: 'pat@example.test',
          agencyId: 'b',
          agencyName: 'Police',
          agencyKind: 'POLICE',
          sharedClientIds: ['c1', 'c2'],
          sharedCount: 2
        }
      ]
    });
    expect(model.centreId).toBe('practitioner:me');
    expect(model.edges.find((e) => e.type === 'shares')).toMatchObject({
      weight: 2,
      target: 'practitioner:col'
    });
    expect(
      model.edges.filter((e) => e.source === 'practitioner:col' && e.type === 'works-with')
    ).toHaveLength(2);
    expect(model.nodes.find((n) => n.id === 'client:c2')?.label).toBe('Cee (C) D');
  });
});
