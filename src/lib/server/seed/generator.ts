/**
 * The whole demo dataset as a deterministic plan (areas, agencies, practitioners) and a stream
 * of households generated one at a time, so a million clients never sit in memory at once.
 * Same seed and same `now` give the same data, byte for byte.
 */
import { type Agency, agencyScale, generateAgencies } from './agencies.ts';
import { type AreaCatalogue, parseAreas } from './areas.ts';
import { DEMO_FAMILIES, type DemoKey } from './demo-accounts.ts';
import { type Household, generateHousehold } from './household.ts';
import { type NameLists, nameLists } from './names.ts';
import { Pools, allocateStaff, eligibility } from './pools.ts';
import {
  type Practitioner,
  demoPractitioners,
  generatePractitioners,
  practitionerCount
} from './practitioners.ts';
import { Rng } from './random.ts';
import { type Residence, residences } from './residence.ts';
import type { TeamContext } from './teams.ts';
import { HISTORY, between } from './time.ts';

export interface PlanOptions {
  clients: number;
  seed: number;
  /** The generator's "today"; defaults to the current time (to the second). */
  now?: Date;
  catalogue?: AreaCatalogue;
}

export interface SeedPlan {
  clients: number;
  seed: number;
  now: number;
  catalogue: AreaCatalogue;
  places: Residence[];
  agencies: Agency[];
  /** Agency index -> when it joined the network (before its first practitioner). */
  agencyCreatedAt: number[];
  practitioners: Practitioner[];
  lists: NameLists;
  ctx: TeamContext;
  rng: Rng;
  /** Practitioner index -> council codes of their clients (COVERS, source AUTO). */
  covers: Map<number, Set<string>>;
}

export function createPlan(options: PlanOptions): SeedPlan {
  const now = Math.floor((options.now?.getTime() ?? Date.now()) / 1000) * 1000;
  const rng = new Rng(`teamaround:${options.seed}`);
  const catalogue = options.catalogue ?? parseAreas();
  const lists = nameLists();
  const places = residences(catalogue);
  const agencies = generateAgencies(
    catalogue,
    places,
    agencyScale(options.clients),
    rng.fork('agencies')
  );
  const elig = eligibility(agencies, places);
  const staffing = allocateStaff(agencies, places, elig, practitionerCount(options.clients));
  const generated = generatePractitioners(
    agencies,
    staffing,
    lists,
    rng.fork('practitioners'),
    now
  );
  const demo = demoPractitioners(agencies, generated.length, rng.fork('demo-accounts'), now);
  const practitioners = [...generated, ...demo];
  // Demo accounts are only ever put on the teams DEMO_FAMILIES describe.
  const pools = new Pools(agencies, elig, generated);

  const agencyRng = rng.fork('agency-joined');
  const agencyCreatedAt = agencies.map(() => Number.POSITIVE_INFINITY);
  for (const p of practitioners)
    agencyCreatedAt[p.agency] = Math.min(agencyCreatedAt[p.agency] ?? Infinity, p.createdAt);
  for (let i = 0; i < agencyCreatedAt.length; i++) {
    const first = agencyCreatedAt[i] ?? Infinity;
    agencyCreatedAt[i] = Number.isFinite(first)
      ? first - agencyRng.int(1, 20) * 86_400_000
      : between(agencyRng, now - HISTORY, now);
  }

  const demoByKey = new Map<DemoKey, Practitioner>();
  for (const p of demo) if (p.demo) demoByKey.set(p.demo, p);
  return {
    clients: options.clients,
    seed: options.seed,
    now,
    catalogue,
    places,
    agencies,
    agencyCreatedAt,
    practitioners,
    lists,
    ctx: { pools, practitioners, agencies, demo: demoByKey, now },
    rng,
    covers: new Map()
  };
}

/** Drops the people past `keep` (and their links, memberships...) from the last household. */
function trim(household: Household, keep: number): Household {
  const inside = (i: number) => i < keep;
  const people = household.family.people.slice(0, keep);
  return {
    family: {
      ...household.family,
      people,
      links: household.family.links.filter((l) => inside(l.from) && inside(l.to))
    },
    memberships: household.memberships.filter((m) => inside(m.person)),
    createdAt: household.createdAt.slice(0, keep),
    circle: household.circle.filter((c) => inside(c.link.from) && inside(c.link.to)),
    addresses: household.addresses.filter((a) => inside(a.person)),
    attentions: household.attentions.filter((a) => inside(a.person))
  };
}

/**
 * Households until `plan.clients` clients exist: the demo accounts' families first (always, so
 * even a tiny seed has them), then families in councils drawn by population weight.
 */
export function* households(plan: SeedPlan): Generator<Household> {
  const byCode = new Map(plan.places.map((p) => [p.council.code, p]));
  const cumulative: number[] = [];
  let sum = 0;
  for (const p of plan.places) cumulative.push((sum += p.weight));
  const place = (r: number): Residence => {
    let lo = 0;
    let hi = cumulative.length - 1;
    const x = r * sum;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return plan.places[lo] as Residence;
  };

  let made = 0;
  const record = (h: Household) => {
    made += h.family.people.length;
    for (const m of h.memberships) {
      // A restricted membership allocates no area: areas are public (DESIGN.md rule 3).
      if (m.restricted) continue;
      const set = plan.covers.get(m.practitioner) ?? new Set<string>();
      set.add(h.family.residence.council.code);
      plan.covers.set(m.practitioner, set);
    }
    return h;
  };

  for (const [i, demo] of DEMO_FAMILIES.entries()) {
    const residence = byCode.get(demo.council);
    if (!residence) throw new Error(`demo family council ${demo.council} is not a residence`);
    yield record(
      generateHousehold(plan.rng.fork(`demo-family:${i}`), plan.lists, plan.ctx, residence, demo)
    );
  }
  for (let i = 0; made < plan.clients; i++) {
    const rng = plan.rng.fork(`household:${i}`);
    let h = generateHousehold(rng, plan.lists, plan.ctx, place(rng.float()));
    const room = plan.clients - made;
    if (h.family.people.length > room) h = trim(h, room);
    yield record(h);
  }
}
