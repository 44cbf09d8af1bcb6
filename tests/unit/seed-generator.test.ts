import { describe, expect, it } from 'vitest';
import { parseAreas } from '../../src/lib/server/seed/areas.ts';
import { isReciprocalPair } from '../../src/lib/server/seed/circle.ts';
import { DEMO_ACCOUNTS } from '../../src/lib/server/seed/demo-accounts.ts';
import { createPlan, households, type SeedPlan } from '../../src/lib/server/seed/generator.ts';
import type { Household } from '../../src/lib/server/seed/household.ts';
import { AGENCY_KINDS, SENSITIVE_KINDS } from '../../src/lib/server/seed/kinds.ts';
import { addHouseholdRows, emptyRows } from '../../src/lib/server/seed/rows.ts';
import { YEAR } from '../../src/lib/server/seed/time.ts';

const NOW = new Date('2026-03-01T02:00:00Z');
const catalogue = parseAreas();

function generate(clients: number, seed: number): { plan: SeedPlan; list: Household[] } {
  const plan = createPlan({ clients, seed, now: NOW, catalogue });
  return { plan, list: [...households(plan)] };
}

/** Everything that gets written, as JSON, for comparing runs. */
function snapshot({ plan, list }: { plan: SeedPlan; list: Household[] }): string {
  const rows = emptyRows();
  for (const h of list) addHouseholdRows(rows, h, (i) => plan.practitioners[i]?.id ?? '?');
  return JSON.stringify({
    agencies: plan.agencies,
    practitioners: plan.practitioners,
    agencyCreatedAt: plan.agencyCreatedAt,
    rows
  });
}

const { plan, list } = generate(2500, 11);
const now = NOW.getTime();
const practitionerOf = (i: number) => plan.practitioners[i]!;
const agencyOfPractitioner = (i: number) => plan.agencies[practitionerOf(i).agency]!;
const age = (dob: number) => (now - dob) / YEAR;
const regular = list.slice(4); // the first four are the demo accounts' families

describe('determinism', () => {
  it('gives identical data for the same seed and day', () => {
    expect(snapshot(generate(600, 3))).toBe(snapshot(generate(600, 3)));
  });

  it('gives different data for another seed', () => {
    expect(snapshot(generate(600, 3))).not.toBe(snapshot(generate(600, 4)));
  });

  it('makes exactly the number of clients asked for', () => {
    expect(list.reduce((n, h) => n + h.family.people.length, 0)).toBe(2500);
  });

  it('uses unique UUID-shaped ids everywhere', () => {
    const ids = [
      ...plan.agencies.map((a) => a.id),
      ...plan.practitioners.map((p) => p.id),
      ...list.flatMap((h) => [
        ...h.family.people.map((p) => p.id),
        ...h.addresses.map((a) => a.id),
        ...h.attentions.map((a) => a.id)
      ])
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      ids.every((id) =>
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)
      )
    ).toBe(true);
  });
});

describe('families', () => {
  it('share a council area, and most members share a family name with someone in the household', () => {
    for (const h of list) {
      const council = h.family.residence.council;
      expect(council.level).toBe('COUNCIL');
      expect(catalogue.byCode.get(council.code)).toBeDefined();
    }
    const multi = regular.filter((h) => h.family.people.length > 1 && h.family.shape !== 'foster');
    const sharing = multi.filter((h) => {
      const names = h.family.people.map((p) => p.familyName);
      return names.some((n, i) => names.indexOf(n) !== i);
    });
    expect(sharing.length / multi.length).toBeGreaterThan(0.85);
    // Two-parent families: the children carry the father's family name.
    for (const h of list.filter((x) => x.family.shape === 'two-parent')) {
      const father = h.family.people.find((p) => p.role === 'parent' && p.sex === 'M')!;
      for (const child of h.family.people.filter((p) => p.role === 'child'))
        expect(child.familyName).toBe(father.familyName);
    }
  });

  it('has parents, children, siblings, grandparents and carers in the circles', () => {
    const labels = new Set(
      list.flatMap((h) => h.family.links.flatMap((l) => [l.label, l.reciprocal]))
    );
    for (const label of [
      'mother',
      'father',
      'son',
      'daughter',
      'sibling',
      'grandparent',
      'grandchild',
      'partner',
      'carer',
      'cared-for',
      'household member'
    ]) {
      expect(labels).toContain(label);
    }
  });

  it('stores reciprocal labels that match, with no self loops', () => {
    for (const h of list) {
      for (const l of h.family.links) {
        expect(l.from).not.toBe(l.to);
        expect(isReciprocalPair(l.label, l.reciprocal), `${l.label} / ${l.reciprocal}`).toBe(true);
        expect(['FAMILY', 'HOUSEHOLD', 'SIGNIFICANT']).toContain(l.kind);
      }
    }
  });

  it('has believable dates of birth: parents 16-50 years older than their children', () => {
    let pairs = 0;
    for (const h of list) {
      const people = h.family.people;
      for (const p of people) {
        expect(p.dob).toBeLessThan(now);
        expect(age(p.dob)).toBeLessThan(100);
        if (p.role === 'child') expect(age(p.dob)).toBeLessThan(18);
      }
      for (const l of h.family.links.filter((x) =>
        ['mother', 'father', 'parent'].includes(x.label)
      )) {
        const gap = (people[l.to]!.dob - people[l.from]!.dob) / YEAR;
        expect(gap).toBeGreaterThanOrEqual(16);
        expect(gap).toBeLessThanOrEqual(50);
        pairs++;
      }
      for (const l of h.family.links.filter((x) => x.label === 'sibling')) {
        expect(Math.abs(people[l.to]!.dob - people[l.from]!.dob)).toBeGreaterThan(250 * 86_400_000);
      }
    }
    expect(pairs).toBeGreaterThan(500);
  });

  it('draws names from many traditions, accents included', () => {
    const groups = new Set(list.map((h) => h.family.group.key));
    expect(groups.size).toBeGreaterThanOrEqual(10);
    const all = list.flatMap((h) => h.family.people.map((p) => `${p.givenName} ${p.familyName}`));
    expect(all.some((n) => n !== n.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))).toBe(true);
  });
});

describe('teams', () => {
  it('gives every client at least one membership and current teams of 1-6', () => {
    let closed = 0;
    for (const h of list) {
      h.family.people.forEach((_, i) => {
        const mine = h.memberships.filter((m) => m.person === i);
        expect(mine.length).toBeGreaterThan(0);
        const current = mine.filter((m) => m.until === null);
        if (current.length === 0) closed++;
        expect(current.length).toBeLessThanOrEqual(6);
        expect(new Set(current.map((m) => m.practitioner)).size).toBe(current.length);
        expect(current.filter((m) => m.lead).length).toBeLessThanOrEqual(1);
      });
    }
    expect(closed).toBeLessThan(list.length * 0.2);
  });

  it('keeps history consistent: joins after the practitioner joined, over the last three years', () => {
    const since = list.flatMap((h) => h.memberships.map((m) => m.since));
    for (const h of list) {
      for (const m of h.memberships) {
        expect(m.since).toBeGreaterThanOrEqual(practitionerOf(m.practitioner).createdAt);
        expect(m.since).toBeLessThan(now);
        expect(m.lastConfirmedAt).toBeGreaterThanOrEqual(m.since - 1);
        if (m.until !== null) expect(m.until).toBeGreaterThan(m.since);
        if (m.restricted) expect(SENSITIVE_KINDS.has(m.kind)).toBe(true);
        if (m.restricted) expect(m.lead).toBe(false);
      }
      h.family.people.forEach((_, i) => {
        expect(h.createdAt[i]).toBe(
          Math.min(...h.memberships.filter((m) => m.person === i).map((m) => m.since))
        );
      });
    }
    const years = since.map((t) => Math.floor((now - t) / YEAR));
    const perYear = [0, 1, 2].map((y) => years.filter((x) => x === y).length);
    // Growth: more joins in the last year than the one before, and that more than the first.
    expect(perYear[0]!).toBeGreaterThan(perYear[1]!);
    expect(perYear[1]!).toBeGreaterThan(perYear[2]!);
    expect(Math.min(...since)).toBeGreaterThan(now - 3.05 * YEAR);
    expect(list.flatMap((h) => h.memberships).some((m) => m.until !== null)).toBe(true);
  });

  it('flags sensitive agency kinds and has every kind in every NSW district', () => {
    for (const a of plan.agencies) expect(a.sensitive).toBe(SENSITIVE_KINDS.has(a.kind));
    expect([...SENSITIVE_KINDS].sort()).toEqual([
      'DOMESTIC_VIOLENCE',
      'DRUG_ALCOHOL',
      'SEXUAL_HEALTH'
    ]);
    for (const a of plan.agencies.filter((x) => x.sensitive)) expect(a.dutyPhone).toMatch(/\d/);
    const districts = catalogue.areas.filter((a) => a.level === 'DISTRICT' && a.state === 'AU-NSW');
    expect(districts).toHaveLength(15);
    for (const d of districts) {
      const councils = new Set(
        catalogue.areas.filter((c) => c.parent === d.code).map((c) => c.code)
      );
      const kinds = new Set(
        plan.agencies
          .filter((a) => a.serves.some((s) => s === d.code || councils.has(s)))
          .map((a) => a.kind)
      );
      expect([...kinds].sort(), d.name).toEqual([...AGENCY_KINDS].sort());
    }
    expect(new Set(plan.agencies.map((a) => a.name)).size).toBe(plan.agencies.length);
    expect(plan.agencies.every((a) => a.email.endsWith('.example'))).toBe(true);
  });

  it('gives practitioners unique lower-case work e-mails, job titles and phones', () => {
    const emails = plan.practitioners.map((p) => p.email);
    expect(new Set(emails).size).toBe(emails.length);
    for (const p of plan.practitioners) {
      expect(p.email).toBe(p.email.toLowerCase());
      expect(p.email).toMatch(/^[a-z0-9.-]+@[a-z0-9.-]+\.example$/);
      expect(p.jobTitle.length).toBeGreaterThan(2);
      expect(p.phone).toMatch(
        /^(\(0\d\) (5550|7010) \d{4}|0\d{2,3} \d{3,4} \d{3,4}|07700 900\d{3})$/
      );
    }
    expect(plan.practitioners.length).toBeGreaterThanOrEqual(250);
  });

  it('has attentions raised by current, unrestricted members and acknowledged by others', () => {
    const attentions = list.flatMap((h) => h.attentions.map((a) => ({ a, h })));
    expect(attentions.length).toBeGreaterThan(50);
    for (const { a, h } of attentions) {
      const current = h.memberships.filter((m) => m.person === a.person && m.until === null);
      expect(current.some((m) => m.practitioner === a.raisedBy && !m.restricted)).toBe(true);
      expect(a.message.length).toBeLessThanOrEqual(500);
      for (const ack of a.acks) expect(ack.practitioner).not.toBe(a.raisedBy);
      if (a.resolvedAt !== null) expect(a.resolvedAt).toBeGreaterThan(a.createdAt);
    }
    expect(attentions.some(({ a }) => a.priority === 'URGENT')).toBe(true);
    expect(attentions.some(({ a }) => a.resolvedAt !== null)).toBe(true);
  });

  it('withholds some addresses, each by a current member of that client', () => {
    const addresses = list.flatMap((h) => h.addresses.map((a) => ({ a, h })));
    const clients = list.reduce((n, h) => n + h.family.people.length, 0);
    expect(addresses.length / clients).toBeGreaterThan(0.2);
    const withheld = addresses.filter(({ a }) => a.withheld);
    expect(withheld.length).toBeGreaterThan(0);
    for (const { a, h } of withheld) {
      expect(
        h.memberships.some(
          (m) => m.person === a.person && m.until === null && m.practitioner === a.withheldBy
        )
      ).toBe(true);
    }
  });
});

describe('demo accounts', () => {
  const demo = (key: string) => plan.practitioners.find((p) => p.demo === key)!;
  const teamsOf = (key: string) =>
    list.flatMap((h) =>
      h.memberships
        .filter((m) => m.practitioner === demo(key).index && m.until === null)
        .map((m) => ({ h, m }))
    );

  it('lists the five accounts', () => {
    expect(DEMO_ACCOUNTS.map((a) => a.email)).toEqual([
      'admin@teamaround.example',
      'lead@teamaround.example',
      'practitioner@teamaround.example',
      'restricted@teamaround.example',
      'newcomer@teamaround.example'
    ]);
  });

  it('puts practitioner@ on 8 teams, with clients in one family circle and circle members it is not on', () => {
    const teams = teamsOf('practitioner');
    expect(teams).toHaveLength(8);
    expect(agencyOfPractitioner(demo('practitioner').index).kind).toBe('CHILD_PROTECTION');
    const first = list[0]!;
    const mine = new Set(teams.filter((t) => t.h === first).map((t) => t.m.person));
    expect(mine.size).toBeGreaterThanOrEqual(3);
    const linkedMine = first.family.links.filter((l) => mine.has(l.from) && mine.has(l.to));
    expect(linkedMine.length).toBeGreaterThanOrEqual(3);
    expect(first.family.links.some((l) => mine.has(l.from) !== mine.has(l.to))).toBe(true);
  });

  it('makes restricted@ a restricted member of two of practitioner@ teams, at a sensitive service', () => {
    const teams = teamsOf('restricted');
    expect(teams).toHaveLength(2);
    expect(teams.every((t) => t.m.restricted && !t.m.lead)).toBe(true);
    expect(agencyOfPractitioner(demo('restricted').index).kind).toBe('DOMESTIC_VIOLENCE');
    const practitionerClients = new Set(
      teamsOf('practitioner').map((t) => t.h.family.people[t.m.person]!.id)
    );
    expect(teams.every((t) => practitionerClients.has(t.h.family.people[t.m.person]!.id))).toBe(
      true
    );
  });

  it('leaves newcomer@, admin@ and lead@ without clients; lead@ leads Western Sydney', () => {
    expect(teamsOf('newcomer')).toHaveLength(0);
    expect(teamsOf('admin')).toHaveLength(0);
    expect(teamsOf('lead')).toHaveLength(0);
    expect(demo('lead').leads).toEqual(['NSW-D-western-sydney']);
    expect(demo('lead').roles).toContain('lead');
    expect(demo('admin').roles).toContain('admin');
  });

  it('gives practitioner@ an urgent attention it has not acknowledged', () => {
    const urgent = list[0]!.attentions.find(
      (a) => a.priority === 'URGENT' && a.resolvedAt === null
    );
    expect(urgent).toBeDefined();
    expect(urgent!.raisedBy).not.toBe(demo('practitioner').index);
    expect(urgent!.acks.some((k) => k.practitioner === demo('practitioner').index)).toBe(false);
  });
});
