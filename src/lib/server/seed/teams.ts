/**
 * The team around each client: 1-6 current members of kinds that fit the client's age, shared
 * with siblings and parents where one worker usually sees the whole family, plus past members
 * (who left) so history exists. Join dates spread over three years and grow towards today.
 */
import type { Agency } from './agencies.ts';
import type { DemoFamily, DemoKey } from './demo-accounts.ts';
import type { Family } from './families.ts';
import {
  type AgencyKind,
  FAMILY_SHARING,
  LEAD_PREFERENCE,
  REASONS,
  TEAM_WEIGHTS,
  ageBand,
  isSensitive
} from './kinds.ts';
import type { Pools } from './pools.ts';
import type { Practitioner } from './practitioners.ts';
import type { Rng } from './random.ts';
import { DAY, HISTORY, HOUR, YEAR, between, growing } from './time.ts';

export interface Membership {
  practitioner: number;
  /** Index into the family's people. */
  person: number;
  kind: AgencyKind;
  since: number;
  until: number | null;
  reason: string;
  restricted: boolean;
  lead: boolean;
  lastConfirmedAt: number;
}

export interface TeamContext {
  pools: Pools;
  practitioners: Practitioner[];
  agencies: Agency[];
  demo: Map<DemoKey, Practitioner>;
  now: number;
}

/** Most teams are small: 1-3 people; a few children have six agencies around them. */
const TEAM_SIZE_WEIGHTS = [24, 30, 22, 13, 7, 4];
export const MAX_TEAM = 6;

function agencyOf(ctx: TeamContext, practitioner: number): Agency {
  const p = ctx.practitioners[practitioner];
  const agency = p ? ctx.agencies[p.agency] : undefined;
  if (!agency) throw new Error(`practitioner ${practitioner} has no agency`);
  return agency;
}

/** A join time no earlier than `earliest` and after the practitioner joined the network. */
function sinceFor(rng: Rng, ctx: TeamContext, practitioner: number, earliest: number): number {
  const created = ctx.practitioners[practitioner]?.createdAt ?? ctx.now - HISTORY;
  const since = Math.max(earliest, created + rng.int(1, 240) * HOUR);
  return since < ctx.now - HOUR ? since : between(rng, created + HOUR, ctx.now - HOUR);
}

function confirmedAt(rng: Rng, ctx: TeamContext, since: number): number {
  // Most members confirm every few months; about one in five lets it lapse (stale).
  if (rng.chance(0.22)) return between(rng, since, ctx.now);
  return between(rng, Math.max(since, ctx.now - 90 * DAY), ctx.now);
}

function member(
  rng: Rng,
  ctx: TeamContext,
  practitioner: number,
  person: number,
  since: number
): Membership {
  const kind = agencyOf(ctx, practitioner).kind;
  return {
    practitioner,
    person,
    kind,
    since,
    until: null,
    reason: rng.pick(REASONS[kind]),
    restricted: isSensitive(kind) && rng.chance(0.7),
    lead: false,
    lastConfirmedAt: confirmedAt(rng, ctx, since)
  };
}

function weightsFor(age: number): [AgencyKind, number][] {
  return Object.entries(TEAM_WEIGHTS[ageBand(age)]) as [AgencyKind, number][];
}

export function buildTeams(
  rng: Rng,
  ctx: TeamContext,
  family: Family,
  demo?: DemoFamily
): Membership[] {
  const { pools, now } = ctx;
  const council = family.residence.council;
  const caseOpen = growing(rng, now - HISTORY, now - 2 * DAY);
  const shared = new Map<AgencyKind, number>();
  const current: Membership[][] = family.people.map(() => []);
  const past: Membership[] = [];

  family.people.forEach((person, i) => {
    const age = (now - person.dob) / YEAR;
    const size = 1 + rng.weightedIndex(TEAM_SIZE_WEIGHTS);
    const kinds = rng.weightedSample(weightsFor(age), ([, w]) => w, size).map(([k]) => k);
    const team = current[i] as Membership[];
    const has = (p: number) => team.some((m) => m.practitioner === p);
    const add = (p: number) => {
      // The first member opens the case; the others join later, mostly soon after.
      const first = team[0];
      const earliest = first
        ? first.since + (now - first.since) * rng.float() ** 2
        : caseOpen + rng.float() * 14 * DAY;
      team.push(member(rng, ctx, p, i, sinceFor(rng, ctx, p, earliest)));
    };
    for (const kind of kinds) {
      const sharedP = shared.get(kind);
      const p =
        sharedP !== undefined && pools.suits(sharedP, age) && rng.chance(FAMILY_SHARING[kind])
          ? sharedP
          : pools.pick(rng, council.code, council.state, kind, age);
      if (p === undefined || has(p)) continue;
      if (!shared.has(kind)) shared.set(kind, p);
      add(p);
    }
    if (team.length === 0) {
      const p = pools.pickAny(rng, council.code, council.state, age);
      if (p !== undefined) add(p);
    }
    if (demo?.forced.some((f) => f.person === i)) {
      // Demo clients get at least three colleagues around the demo account, to show a real team.
      for (let tries = 0; team.length < 3 && tries < 10; tries++) {
        const kind = rng.weighted(weightsFor(age), ([, w]) => w)[0];
        const p = pools.pick(rng, council.code, council.state, kind, age);
        if (p !== undefined && !has(p)) add(p);
      }
    }

    // Some people left the team earlier: history for the activity log and the growth charts.
    if (rng.chance(0.3)) {
      for (let n = rng.chance(0.7) ? 1 : 2; n > 0; n--) {
        const kind = rng.weighted(weightsFor(age), ([, w]) => w)[0];
        const p = pools.pick(rng, council.code, council.state, kind, age);
        if (p === undefined || has(p) || past.some((m) => m.person === i && m.practitioner === p))
          continue;
        const created = ctx.practitioners[p]?.createdAt ?? now - HISTORY;
        const since = growing(rng, Math.max(now - HISTORY, created + HOUR), now - 30 * DAY);
        const until = between(rng, since + 14 * DAY, now - DAY);
        if (until <= since) continue;
        const m = member(rng, ctx, p, i, since);
        past.push({
          ...m,
          until,
          lastConfirmedAt: between(rng, since, until),
          restricted: m.restricted
        });
      }
    }
  });

  if (demo) applyForced(rng, ctx, demo, current);
  else if (rng.chance(0.04)) closeCase(rng, ctx, current);
  chooseLeads(rng, current);
  return [...current.flat(), ...past];
}

/** Puts the demo accounts on their teams, making room in a full team. */
function applyForced(rng: Rng, ctx: TeamContext, demo: DemoFamily, current: Membership[][]): void {
  const { now } = ctx;
  for (const forced of demo.forced) {
    const account = ctx.demo.get(forced.account);
    const team = current[forced.person];
    if (!account || !team)
      throw new Error(`demo family: no person ${forced.person} or account ${forced.account}`);
    // The account takes the place of a colleague of the same kind (it is *the* caseworker), or
    // of someone else when the team is full.
    const kind = agencyOf(ctx, account.index).kind;
    const isDemo = (m: Membership) => Boolean(ctx.practitioners[m.practitioner]?.demo);
    const sameKind = team.findIndex((m) => m.kind === kind && !isDemo(m));
    if (sameKind >= 0) team.splice(sameKind, 1);
    else if (team.length >= MAX_TEAM)
      team.splice(
        Math.max(
          0,
          team.findIndex((m) => !isDemo(m))
        ),
        1
      );
    const since = forced.stale
      ? now - rng.int(240, 400) * DAY
      : sinceFor(rng, ctx, account.index, (team[0]?.since ?? now - YEAR) + rng.int(1, 30) * DAY);
    const m = member(rng, ctx, account.index, forced.person, since);
    m.restricted = forced.restricted === true;
    m.lead = forced.lead === true;
    m.lastConfirmedAt = forced.stale
      ? between(rng, since, now - 200 * DAY)
      : between(rng, Math.max(since, now - 30 * DAY), now);
    if (m.lead) for (const other of team) other.lead = false;
    team.push(m);
  }
}

/** A closed case: everybody left, the client stays findable with only past members. */
function closeCase(rng: Rng, ctx: TeamContext, current: Membership[][]): void {
  for (const team of current) {
    for (const m of team) {
      if (m.since > ctx.now - 3 * DAY) continue;
      m.until = between(rng, m.since + DAY, ctx.now - DAY);
      m.lastConfirmedAt = between(rng, m.since, m.until);
    }
  }
}

/** One lead professional on most teams (a restricted member never leads); some have none. */
function chooseLeads(rng: Rng, current: Membership[][]): void {
  for (const team of current) {
    const active = team.filter((m) => m.until === null && !m.restricted);
    if (active.length === 0 || active.some((m) => m.lead)) continue;
    if (!rng.chance(0.85)) continue;
    const rank = (m: Membership) => {
      const r = LEAD_PREFERENCE.indexOf(m.kind);
      return r < 0 ? LEAD_PREFERENCE.length : r;
    };
    const lead = active.reduce((best, m) => (rank(m) < rank(best) ? m : best));
    lead.lead = true;
  }
}
