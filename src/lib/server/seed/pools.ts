/**
 * Which agencies can work with a client in a council (those that SERVE the council or its
 * district), how many practitioners each agency gets, and picking a practitioner for a team.
 * Agencies in the client's own council are preferred over district-wide ones.
 */
import type { Agency } from './agencies.ts';
import { AGENCY_KINDS, type AgencyKind, kindShares } from './kinds.ts';
import type { Rng } from './random.ts';
import type { Residence } from './residence.ts';

interface Candidate {
  agency: Agency;
  weight: number;
}

const LOCAL_PREFERENCE = 3;

/** council code -> kind -> agencies that can serve a client living there. */
export type Eligibility = Map<string, Map<AgencyKind, Candidate[]>>;

export function eligibility(agencies: Agency[], places: Residence[]): Eligibility {
  const byServed = new Map<string, Agency[]>();
  for (const agency of agencies) {
    for (const code of agency.serves) {
      const list = byServed.get(code) ?? [];
      list.push(agency);
      byServed.set(code, list);
    }
  }
  const out: Eligibility = new Map();
  for (const place of places) {
    const byKind = new Map<AgencyKind, Candidate[]>();
    const seen = new Set<number>();
    for (const code of [place.council.code, place.region]) {
      for (const agency of byServed.get(code) ?? []) {
        if (seen.has(agency.index)) continue;
        seen.add(agency.index);
        const list = byKind.get(agency.kind) ?? [];
        list.push({
          agency,
          weight: agency.serves.includes(place.council.code) ? LOCAL_PREFERENCE : 1
        });
        byKind.set(agency.kind, list);
      }
    }
    out.set(place.council.code, byKind);
  }
  return out;
}

/**
 * Practitioners per agency, proportional to the memberships the agency can expect (largest
 * remainder, so the total is exact). Agencies with little demand may get nobody: they are the
 * "not yet connected" agencies a local lead looks for.
 */
export function allocateStaff(
  agencies: Agency[],
  places: Residence[],
  elig: Eligibility,
  total: number
): number[] {
  const shares = kindShares();
  const demand = new Array<number>(agencies.length).fill(0);
  for (const place of places) {
    const byKind = elig.get(place.council.code);
    for (const kind of AGENCY_KINDS) {
      const candidates = byKind?.get(kind) ?? [];
      const sum = candidates.reduce((a, c) => a + c.weight, 0);
      for (const c of candidates)
        demand[c.agency.index] =
          (demand[c.agency.index] ?? 0) + (place.weight * shares[kind] * c.weight) / sum;
    }
  }
  const all = demand.reduce((a, b) => a + b, 0);
  const exact = demand.map((d) => (total * d) / all);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, i) => [e - Math.floor(e), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  return counts;
}

export class Pools {
  /** Staff (practitioner indexes) of each agency who may be put on teams. */
  private readonly staff: number[][];
  private readonly agencyOfPractitioner = new Map<number, Agency>();
  private readonly staffedByState = new Map<string, Map<AgencyKind, Agency[]>>();
  /** council -> kind -> staffed candidates, filtered once rather than on every pick. */
  private readonly staffedLocal = new Map<string, Map<AgencyKind, Candidate[]>>();
  private everyone: number[] | undefined;

  constructor(agencies: Agency[], elig: Eligibility, members: { index: number; agency: number }[]) {
    this.staff = agencies.map(() => []);
    for (const m of members) {
      this.staff[m.agency]?.push(m.index);
      const agency = agencies[m.agency];
      if (agency) this.agencyOfPractitioner.set(m.index, agency);
    }
    const staffed = (a: Agency) => (this.staff[a.index]?.length ?? 0) > 0;
    for (const [council, byKind] of elig) {
      const kept = new Map<AgencyKind, Candidate[]>();
      for (const [kind, list] of byKind)
        kept.set(
          kind,
          list.filter((c) => staffed(c.agency))
        );
      this.staffedLocal.set(council, kept);
    }
    for (const agency of agencies) {
      if (!staffed(agency)) continue;
      const byKind = this.staffedByState.get(agency.area.state) ?? new Map<AgencyKind, Agency[]>();
      byKind.set(agency.kind, [...(byKind.get(agency.kind) ?? []), agency]);
      this.staffedByState.set(agency.area.state, byKind);
    }
  }

  agencyOf(practitioner: number): Agency | undefined {
    return this.agencyOfPractitioner.get(practitioner);
  }

  /** Whether the practitioner's agency works with someone this age (schools by stage). */
  suits(practitioner: number, age: number): boolean {
    const ages = this.agencyOf(practitioner)?.ages;
    return !ages || (age >= ages[0] && age <= ages[1]);
  }

  private fromAgency(rng: Rng, agency: Agency): number | undefined {
    const staff = this.staff[agency.index];
    return staff && staff.length > 0 ? rng.pick(staff) : undefined;
  }

  /**
   * A practitioner of `kind` for a client of `age` in `council`: a local agency first, then any
   * agency of that kind in the same state or region when the local ones have nobody yet.
   */
  pick(
    rng: Rng,
    council: string,
    state: string,
    kind: AgencyKind,
    age: number
  ): number | undefined {
    const fits = (a: Agency) => !a.ages || (age >= a.ages[0] && age <= a.ages[1]);
    const all = this.staffedLocal.get(council)?.get(kind) ?? [];
    // Only schools have an age range; everything else needs no filtering.
    const local = kind === 'SCHOOL' ? all.filter((c) => fits(c.agency)) : all;
    if (local.length > 0) return this.fromAgency(rng, rng.weighted(local, (c) => c.weight).agency);
    const wider = (this.staffedByState.get(state)?.get(kind) ?? []).filter(fits);
    return wider.length > 0 ? this.fromAgency(rng, rng.pick(wider)) : undefined;
  }

  /** Anybody who can work with this client, for the rare team that found no one by kind. */
  pickAny(rng: Rng, council: string, state: string, age: number): number | undefined {
    for (const kind of [
      'CHILD_PROTECTION',
      'EARLY_HELP',
      'GP',
      'HEALTH',
      'HOUSING'
    ] as AgencyKind[]) {
      const p = this.pick(rng, council, state, kind, age);
      if (p !== undefined) return p;
    }
    this.everyone ??= this.staff.flat();
    const anyone = this.everyone;
    return anyone.length > 0 ? rng.pick(anyone) : undefined;
  }
}
