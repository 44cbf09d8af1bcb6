/** The view around the graph: the shareable query string, filters, search and the table twin. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseViewState, viewQuery } from '../../src/lib/graph-view/url-state.ts';
import { NO_FILTERS, fold, hiddenIds, searchIds } from '../../src/lib/graph-view/filters.ts';
import { twinRows } from '../../src/lib/graph-view/twin.ts';
import { buildNetwork } from '../../src/lib/graph-view/elements.ts';
import type { Neighbourhood } from '../../src/lib/graph-view/types.ts';

const family: Neighbourhood = {
  centreId: 'mum',
  depth: 1,
  truncated: false,
  people: [
    {
      clientId: 'mum',
      givenName: 'Zoë',
      familyName: 'Ng',
      preferredName: null,
      distance: 0,
      viewerIsMember: true,
      team: [
        {
          masked: false,
          restricted: false,
          lead: true,
          isViewer: false,
          dutyPhone: null,
          practitionerId: 'p1',
          name: 'Pat Police',
          jobTitle: 'Constable',
          phone: '02 1',
          email: 'pat@example.test',
          agencyId: 'a1',
          agencyName: 'Blacktown Police',
          agencyKind: 'POLICE',
          agencyPhone: null
        },
        { masked: true, restricted: true, lead: false, isViewer: false }
      ]
    },
    {
      clientId: 'dad',
      givenName: 'Dan',
      familyName: 'Ng',
      preferredName: null,
      distance: 1,
      viewerIsMember: false,
      team: []
    },
    {
      clientId: 'kid',
      givenName: 'Kit',
      familyName: 'Ng',
      preferredName: null,
      distance: 1,
      viewerIsMember: true,
      team: []
    }
  ],
  links: [
    { fromId: 'dad', toId: 'mum', kind: 'SIGNIFICANT', label: 'partner', reciprocal: 'partner' },
    { fromId: 'mum', toId: 'kid', kind: 'HOUSEHOLD', label: 'mother', reciprocal: 'son' }
  ]
};

describe('the query string', () => {
  it('round-trips a view and leaves defaults out', () => {
    expect(viewQuery(DEFAULT_VIEW)).toBe('');
    const view = {
      depth: 2 as const,
      layout: 'concentric' as const,
      hideTypes: ['agency' as const],
      hideKinds: ['POLICE'],
      q: 'pat',
      expand: ['kid']
    };
    const query = viewQuery(view);
    expect(query).toBe('?depth=2&layout=concentric&hide=agency&hideKind=POLICE&q=pat&expand=kid');
    expect(parseViewState(new URLSearchParams(query))).toEqual(view);
  });

  it('falls back to defaults for anything malformed', () => {
    const view = parseViewState(
      new URLSearchParams(
        'depth=9&layout=cola&hide=secret,agency&hideKind=NOPE&expand=ok,<script>&q=' +
          'x'.repeat(300)
      )
    );
    expect(view).toMatchObject({
      depth: 1,
      layout: 'fcose',
      hideTypes: ['agency'],
      hideKinds: [],
      expand: ['ok']
    });
    expect(view.q).toHaveLength(100);
    const many = Array.from({ length: 30 }, (_, i) => `c${i}`).join(',');
    expect(parseViewState(new URLSearchParams(`expand=${many}`)).expand).toHaveLength(10);
  });
});

describe('filters and search', () => {
  const model = buildNetwork([family]);

  it('hides by type and by agency kind, never the centre', () => {
    expect(hiddenIds(model, NO_FILTERS).size).toBe(0);
    const noPractitioners = hiddenIds(model, {
      types: new Set(['practitioner']),
      kinds: new Set()
    });
    expect([...noPractitioners]).toEqual(['practitioner:p1']);
    const noPolice = hiddenIds(model, { types: new Set(), kinds: new Set(['POLICE']) });
    expect([...noPolice].sort()).toEqual(['agency:a1', 'practitioner:p1']);
    const noClients = hiddenIds(model, { types: new Set(['client']), kinds: new Set() });
    expect(noClients.has('client:mum')).toBe(false);
    expect(noClients.has('client:dad')).toBe(true);
  });

  it('finds nodes by name, job, agency or kind, ignoring case and accents', () => {
    expect(fold('  Zoë ')).toBe('zoe');
    expect([...searchIds(model, 'zoe')]).toEqual(['client:mum']);
    expect([...searchIds(model, 'constable')]).toEqual(['practitioner:p1']);
    expect([...searchIds(model, 'police')].sort()).toEqual(['agency:a1', 'practitioner:p1']);
    expect([...searchIds(model, 'ng kit')]).toEqual(['client:kid']);
    expect(searchIds(model, '   ').size).toBe(0);
    expect(searchIds(model, 'pat', new Set(['practitioner:p1'])).size).toBe(0);
  });
});

describe('the table twin', () => {
  const model = buildNetwork([family]);

  it('lists the centre first, then people by distance, then teams, in words', () => {
    const rows = twinRows(model);
    expect(rows[0]).toMatchObject({
      id: 'client:mum',
      typeLabel: 'Client (centre)',
      canExpand: false,
      canJoin: false
    });
    const dad = rows.find((r) => r.id === 'client:dad')!;
    expect(dad).toMatchObject({
      typeLabel: 'Person, not on your team',
      canJoin: true,
      canExpand: false
    });
    expect(dad.relations).toEqual(['Partner of Zoë Ng (significant)']);
    const kid = rows.find((r) => r.id === 'client:kid')!;
    expect(kid.canExpand).toBe(true);
    expect(kid.relations).toEqual([
      'Son of Zoë Ng (household)',
      'Lives in a household with Zoë Ng'
    ]);
    expect(rows[0]?.relations).toEqual([
      'Partner of Dan Ng (significant)',
      'Mother of Kit Ng (household)',
      'Team: Pat Police (lead professional), Restricted service',
      'Lives in a household with Kit Ng'
    ]);
    const restricted = rows.find((r) => r.type === 'restricted')!;
    expect(restricted.relations[0]).toBe(
      'A restricted service is involved — ask them to contact you through Teamaround'
    );
    expect(rows.findIndex((r) => r.type === 'practitioner')).toBeGreaterThan(
      rows.findIndex((r) => r.id === 'client:kid')
    );
    const pat = rows.find((r) => r.id === 'practitioner:p1')!;
    expect(pat.relations).toEqual([
      'Works with Zoë Ng (lead professional)',
      'Works at Blacktown Police'
    ]);
  });

  it('lists only what is shown', () => {
    const rows = twinRows(model, new Set(['practitioner:p1']));
    expect(rows.some((r) => r.id === 'practitioner:p1')).toBe(false);
    expect(rows.find((r) => r.id === 'agency:a1')?.relations).toEqual([
      'Practitioners shown: none'
    ]);
  });
});
