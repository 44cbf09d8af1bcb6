/**
 * One household, complete: its people (clients), their teams, when each client record was
 * created (by the first member), the circle links between them, addresses (some withheld for
 * safety) and attentions. Pure and deterministic for a given generator.
 */
import { placeName } from './areas.ts';
import { type AttentionDraft, generateAttentions } from './attentions.ts';
import type { CircleLink } from './circle.ts';
import { streetAddress } from './contact.ts';
import type { DemoFamily } from './demo-accounts.ts';
import { type Family, generateFamily } from './families.ts';
import type { NameLists } from './names.ts';
import type { Rng } from './random.ts';
import type { Residence } from './residence.ts';
import { residencePlace } from './residence.ts';
import { type Membership, type TeamContext, buildTeams } from './teams.ts';
import { DAY, MINUTE, between } from './time.ts';

export interface CircleEntry {
  link: CircleLink;
  since: number;
  addedBy: number;
}

export interface AddressDraft {
  person: number;
  id: string;
  text: string;
  withheld: boolean;
  withheldBy: number | null;
  updatedAt: number;
}

export interface Household {
  family: Family;
  memberships: Membership[];
  /** When each person's client record was created: their first member's join. */
  createdAt: number[];
  circle: CircleEntry[];
  addresses: AddressDraft[];
  attentions: AttentionDraft[];
}

/** Kinds whose worker would usually be the one to withhold an address. */
const WITHHOLDERS = new Set(['DOMESTIC_VIOLENCE', 'CHILD_PROTECTION', 'POLICE']);

export function generateHousehold(
  rng: Rng,
  lists: NameLists,
  ctx: TeamContext,
  residence: Residence,
  demo?: DemoFamily
): Household {
  const { now } = ctx;
  const family = generateFamily(rng, lists, residence, now, demo?.options);
  const memberships = buildTeams(rng, ctx, family, demo);

  const firstMember = family.people.map((_, i) => {
    let first: Membership | undefined;
    for (const m of memberships) if (m.person === i && (!first || m.since < first.since)) first = m;
    if (!first) throw new Error('every client needs at least one member');
    return first;
  });
  const createdAt = firstMember.map((m) => m.since);

  // The link is recorded by whoever created the later of the two records, soon after.
  const circle = family.links.map((link) => {
    const later = (createdAt[link.from] ?? 0) >= (createdAt[link.to] ?? 0) ? link.from : link.to;
    const base = createdAt[later] ?? now;
    return {
      link,
      since: Math.min(now - MINUTE, base + rng.float() * 3 * DAY),
      addedBy: firstMember[later]?.practitioner ?? 0
    };
  });

  const addresses: AddressDraft[] = [];
  const hasAddress = demo?.withheldBy !== undefined || rng.chance(0.3);
  if (hasAddress) {
    const council = residence.council;
    const text = streetAddress(
      rng,
      lists.streets,
      council,
      residencePlace(council, placeName(council))
    );
    const withheld = demo?.withheldBy !== undefined || rng.chance(0.1);
    const demoAccount = demo?.withheldBy ? ctx.demo.get(demo.withheldBy)?.index : undefined;
    family.people.forEach((_, person) => {
      const team = memberships.filter((m) => m.person === person && m.until === null);
      let withheldBy: number | null = null;
      if (withheld) {
        const chosen =
          team.find((m) => m.practitioner === demoAccount) ??
          team.find((m) => WITHHOLDERS.has(m.kind) && !m.restricted) ??
          team[0];
        // Nobody current to withhold it: leave the address out rather than expose it.
        if (!chosen) return;
        withheldBy = chosen.practitioner;
      }
      const created = createdAt[person] ?? now;
      addresses.push({
        person,
        id: rng.uuid(),
        text,
        withheld,
        withheldBy,
        updatedAt: between(rng, created, Math.min(now, created + 60 * DAY))
      });
    });
  }

  const notBy = demo?.urgentFor !== undefined ? ctx.demo.get('practitioner')?.index : undefined;
  const urgent =
    demo?.urgentFor !== undefined && notBy !== undefined
      ? { person: demo.urgentFor, notBy }
      : undefined;
  const attentions = generateAttentions(rng, family, memberships, now, urgent);
  return { family, memberships, createdAt, circle, addresses, attentions };
}
