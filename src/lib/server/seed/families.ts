/**
 * Households of clients: parents, children, siblings, grandparents, step-parents, kinship and
 * foster carers, single adults. Members share a council area and usually a family name; dates of
 * birth keep parents 16-50 years older than their children and siblings a year or more apart.
 */
import type { Residence } from './residence.ts';
import { type CircleLink, auntLabel, childLabel, nieceLabel, parentLabel } from './circle.ts';
import {
  type NameGroup,
  type NameLists,
  type Sex,
  anglo,
  givenName,
  otherFamilyName,
  pickGroup,
  preferredName
} from './names.ts';
import type { Rng } from './random.ts';
import { fold } from './text.ts';
import { DAY, YEAR, startOfDay } from './time.ts';

export type Shape =
  | 'two-parent'
  | 'single-mother'
  | 'single-father'
  | 'blended'
  | 'kinship'
  | 'foster'
  | 'aunt'
  | 'single-adult'
  | 'couple';

export type Role =
  'parent' | 'step-parent' | 'child' | 'grandparent' | 'carer' | 'aunt-uncle' | 'adult';

const SHAPES: [Shape, number][] = [
  ['two-parent', 0.34],
  ['single-mother', 0.26],
  ['single-father', 0.05],
  ['blended', 0.1],
  ['kinship', 0.08],
  ['foster', 0.04],
  ['aunt', 0.03],
  ['single-adult', 0.08],
  ['couple', 0.02]
];

export interface Person {
  id: string;
  sex: Sex;
  givenName: string;
  familyName: string;
  preferredName: string | undefined;
  aliases: string[];
  /** Midnight UTC of the date of birth. */
  dob: number;
  role: Role;
}

export interface Family {
  shape: Shape;
  group: NameGroup;
  residence: Residence;
  people: Person[];
  links: CircleLink[];
}

export interface FamilyOptions {
  shape?: Shape;
  children?: number;
  grandparent?: boolean;
}

/** Parents are 16-50 years older than their children; these margins keep every pair inside. */
const MIN_PARENT_GAP = 16.6 * YEAR;
const MAX_PARENT_GAP = 49.4 * YEAR;
const MAX_CHILD_AGE = 17.9 * YEAR;

class FamilyBuilder {
  readonly people: Person[] = [];
  readonly links: CircleLink[] = [];
  private readonly usedGiven = new Set<string>();

  constructor(
    private readonly rng: Rng,
    private readonly lists: NameLists,
    private readonly now: number
  ) {}

  add(
    role: Role,
    sex: Sex,
    group: NameGroup,
    familyName: string,
    dob: number,
    childOfMigrants = false
  ): number {
    const rng = this.rng;
    // Children of migrant families often get English given names.
    const nameGroup =
      childOfMigrants && group.key !== 'anglo' && rng.chance(0.35) ? anglo(this.lists) : group;
    const born = new Date(dob).getUTCFullYear();
    let given = givenName(rng, nameGroup, sex, born);
    for (let i = 0; i < 6 && this.usedGiven.has(given); i++)
      given = givenName(rng, nameGroup, sex, born);
    this.usedGiven.add(given);
    const adult = this.now - dob >= 18 * YEAR;
    const preferred = rng.chance(0.14)
      ? preferredName(rng, this.lists, group, given, sex, adult)
      : undefined;
    this.people.push({
      id: rng.uuid(),
      sex,
      givenName: given,
      familyName,
      preferredName: preferred,
      aliases: [],
      dob: startOfDay(dob),
      role
    });
    return this.people.length - 1;
  }

  link(
    from: number,
    to: number,
    kind: CircleLink['kind'],
    label: string,
    reciprocal: string
  ): void {
    this.links.push({ from, to, kind, label, reciprocal });
  }

  person(i: number): Person {
    const p = this.people[i];
    if (!p) throw new Error(`no person ${i}`);
    return p;
  }

  parentOf(parent: number, child: number): void {
    const useNeutral = this.rng.chance(0.03);
    this.link(
      parent,
      child,
      'FAMILY',
      useNeutral ? 'parent' : parentLabel(this.person(parent).sex),
      useNeutral ? 'child' : childLabel(this.person(child).sex)
    );
  }

  siblings(children: number[]): void {
    for (let i = 0; i < children.length; i++) {
      for (let j = i + 1; j < children.length; j++)
        this.link(children[i] as number, children[j] as number, 'FAMILY', 'sibling', 'sibling');
    }
  }

  partners(a: number, b: number): void {
    const label = this.rng.chance(0.15) ? 'significant other' : 'partner';
    this.link(a, b, 'SIGNIFICANT', label, label);
  }
}

function sex(rng: Rng): Sex {
  return rng.chance(0.5) ? 'F' : 'M';
}

/** Dates of birth of `n` siblings, eldest first: at most 17 years old, 1-5 years apart. */
function childDobs(rng: Rng, now: number, n: number): number[] {
  const gaps = Array.from({ length: Math.max(0, n - 1) }, () => rng.int(380, 1800) * DAY);
  let spread = gaps.reduce((a, b) => a + b, 0);
  if (spread > MAX_CHILD_AGE - 60 * DAY) {
    const f = (MAX_CHILD_AGE - 60 * DAY) / spread;
    for (let i = 0; i < gaps.length; i++) gaps[i] = Math.max(300 * DAY, (gaps[i] as number) * f);
    spread = gaps.reduce((a, b) => a + b, 0);
  }
  const youngestAge = rng.int(20, Math.max(21, Math.floor((MAX_CHILD_AGE - spread) / DAY))) * DAY;
  const dobs = [now - youngestAge];
  for (const gap of gaps) dobs.unshift((dobs[0] as number) - gap);
  return dobs;
}

/** A parent's date of birth for these children: 16-50 years older than each of them. */
function parentDob(rng: Rng, children: number[], typicalGapYears: [number, number]): number {
  const eldest = Math.min(...children);
  const spread = Math.max(...children) - eldest;
  // Teenage parents are over-represented among families known to services.
  const wanted = rng.chance(0.1)
    ? (rng.int(16, 19) + 0.6 + rng.float() * 0.4) * YEAR
    : (rng.int(typicalGapYears[0], typicalGapYears[1]) + rng.float()) * YEAR;
  // The gap to the eldest must leave the youngest within the range too.
  const gap = Math.min(MAX_PARENT_GAP - spread, Math.max(MIN_PARENT_GAP, wanted));
  return eldest - gap;
}

/** A partner's date of birth near `partnerDob` (usually a few years older), still 16-50 years older than the children. */
function coParentDob(rng: Rng, children: number[], partnerDob: number): number {
  const eldest = Math.min(...children);
  const spread = Math.max(...children) - eldest;
  const wanted = partnerDob - (rng.int(-3, 7) + rng.float()) * YEAR;
  return Math.min(eldest - MIN_PARENT_GAP, Math.max(eldest - (MAX_PARENT_GAP - spread), wanted));
}

function adultDob(rng: Rng, now: number, minYears: number, maxYears: number): number {
  return now - (rng.int(minYears, maxYears - 1) + rng.float()) * YEAR;
}

function childCount(rng: Rng): number {
  return 1 + rng.weightedIndex([35, 35, 20, 10]);
}

/** Aliases: a previous family name, a nickname, or the plain spelling of an accented name. */
function addAliases(
  rng: Rng,
  lists: NameLists,
  group: NameGroup,
  people: Person[],
  now: number
): void {
  for (const p of people) {
    const adult = now - p.dob >= 18 * YEAR;
    const plain = fold(p.familyName);
    if (plain !== p.familyName.toLowerCase() && rng.chance(0.5)) {
      const ascii = p.familyName.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      if (ascii !== p.familyName) p.aliases.push(`${p.givenName} ${ascii}`);
    }
    if (!rng.chance(adult ? 0.12 : 0.04)) continue;
    const nick = lists.nicknames[p.givenName];
    if (adult && p.sex === 'F' && rng.chance(0.6)) {
      p.aliases.push(`${p.givenName} ${otherFamilyName(rng, group, p.familyName)}`);
    } else if (nick && nick.length > 0) {
      const alias = `${rng.pick(nick)} ${p.familyName}`;
      if (!p.aliases.includes(alias)) p.aliases.push(alias);
    } else {
      p.aliases.push(`${p.givenName} ${otherFamilyName(rng, group, p.familyName)}`);
    }
  }
}

/** One household in `residence`; `options` fix its shape for the demo accounts' families. */
export function generateFamily(
  rng: Rng,
  lists: NameLists,
  residence: Residence,
  now: number,
  options: FamilyOptions = {}
): Family {
  const shape = options.shape ?? (rng.weighted(SHAPES, ([, w]) => w)[0] as Shape);
  const group = pickGroup(rng, lists, residence.council.country);
  const b = new FamilyBuilder(rng, lists, now);
  const surname = rng.pick(group.family);
  const kidsFor = (n: number) => childDobs(rng, now, options.children ?? n);

  switch (shape) {
    case 'two-parent': {
      const dobs = kidsFor(childCount(rng));
      // Some couples come from different traditions; the children take the father's name.
      const fatherGroup = rng.chance(0.12)
        ? pickGroup(rng, lists, residence.council.country)
        : group;
      const familyName = fatherGroup === group ? surname : rng.pick(fatherGroup.family);
      const mumName = rng.chance(0.75) ? familyName : otherFamilyName(rng, group, familyName);
      const mum = b.add('parent', 'F', group, mumName, parentDob(rng, dobs, [21, 36]));
      const dad = b.add(
        'parent',
        'M',
        fatherGroup,
        familyName,
        coParentDob(rng, dobs, b.person(mum).dob)
      );
      b.partners(mum, dad);
      const kids = dobs.map((dob) => b.add('child', sex(rng), group, familyName, dob, true));
      for (const k of kids) {
        b.parentOf(mum, k);
        b.parentOf(dad, k);
      }
      b.siblings(kids);
      if (options.grandparent ?? rng.chance(0.1)) grandparentFor(b, rng, mum, kids, group);
      break;
    }
    case 'single-mother':
    case 'single-father': {
      const dobs = kidsFor(childCount(rng));
      const parentSex: Sex = shape === 'single-mother' ? 'F' : 'M';
      const parent = b.add(
        'parent',
        parentSex,
        group,
        surname,
        parentDob(rng, dobs, parentSex === 'F' ? [19, 36] : [22, 40])
      );
      // Children often carry the name of a father who is not in the household.
      const kidsName =
        parentSex === 'F' && rng.chance(0.45) ? otherFamilyName(rng, group, surname) : surname;
      const kids = dobs.map((dob) => b.add('child', sex(rng), group, kidsName, dob, true));
      for (const k of kids) b.parentOf(parent, k);
      b.siblings(kids);
      if (options.grandparent ?? rng.chance(0.15)) grandparentFor(b, rng, parent, kids, group);
      break;
    }
    case 'blended': {
      const earlier = options.children ?? rng.int(1, 3);
      const later = options.children === undefined ? rng.int(0, 2) : 0;
      const dobs = childDobs(rng, now, earlier + later);
      const stepGroup = rng.chance(0.2) ? pickGroup(rng, lists, residence.council.country) : group;
      const stepName = rng.pick(stepGroup.family);
      const exName = otherFamilyName(rng, group, stepName);
      const mumName = rng.weighted([stepName, exName, surname], (n) => (n === stepName ? 4 : 3));
      const mum = b.add('parent', 'F', group, mumName, parentDob(rng, dobs, [20, 34]));
      const laterDobs = dobs.slice(earlier);
      const stepDob =
        laterDobs.length > 0
          ? parentDob(rng, laterDobs, [24, 40])
          : adultDob(
              rng,
              now,
              Math.max(22, Math.ceil((now - b.person(mum).dob) / YEAR) - 4),
              Math.ceil((now - b.person(mum).dob) / YEAR) + 8
            );
      const step = b.add('step-parent', 'M', stepGroup, stepName, stepDob);
      b.partners(mum, step);
      const kids = dobs.map((dob, i) =>
        b.add('child', sex(rng), group, i < earlier ? exName : stepName, dob, true)
      );
      kids.forEach((k, i) => {
        b.parentOf(mum, k);
        if (i >= earlier) b.parentOf(step, k);
        else b.link(step, k, 'HOUSEHOLD', 'household member', 'household member');
      });
      b.siblings(kids);
      break;
    }
    case 'kinship': {
      const dobs = kidsFor(rng.int(1, 3));
      const gDob = Math.min(...dobs) - (rng.int(38, 58) + rng.float()) * YEAR;
      const gName = rng.chance(0.6) ? surname : otherFamilyName(rng, group, surname);
      const nan = b.add('grandparent', 'F', group, gName, gDob);
      const carers = [nan];
      if (rng.chance(0.4)) {
        const pop = b.add('grandparent', 'M', group, gName, gDob - rng.int(-2, 6) * YEAR);
        b.partners(nan, pop);
        carers.push(pop);
      }
      const kids = dobs.map((dob) => b.add('child', sex(rng), group, surname, dob, true));
      for (const c of carers)
        for (const k of kids) b.link(c, k, 'FAMILY', 'grandparent', 'grandchild');
      b.siblings(kids);
      break;
    }
    case 'foster': {
      const carerSex: Sex = rng.chance(0.8) ? 'F' : 'M';
      const carerGroup = pickGroup(rng, lists, residence.council.country);
      const carer = b.add(
        'carer',
        carerSex,
        carerGroup,
        rng.pick(carerGroup.family),
        adultDob(rng, now, 32, 66)
      );
      const kids = kidsFor(rng.int(1, 3)).map((dob) =>
        b.add('child', sex(rng), group, surname, dob, true)
      );
      for (const k of kids) b.link(carer, k, 'HOUSEHOLD', 'carer', 'cared-for');
      b.siblings(kids);
      break;
    }
    case 'aunt': {
      const dobs = kidsFor(rng.int(1, 2));
      const auntSex: Sex = rng.chance(0.75) ? 'F' : 'M';
      const auntDob = Math.min(...dobs) - (rng.int(12, 30) + rng.float()) * YEAR;
      const aunt = b.add(
        'aunt-uncle',
        auntSex,
        group,
        auntSex === 'M' || rng.chance(0.4) ? surname : otherFamilyName(rng, group, surname),
        Math.min(auntDob, now - 21 * YEAR)
      );
      const kids = dobs.map((dob) => b.add('child', sex(rng), group, surname, dob, true));
      for (const k of kids)
        b.link(aunt, k, 'FAMILY', auntLabel(b.person(aunt).sex), nieceLabel(b.person(k).sex));
      b.siblings(kids);
      break;
    }
    case 'couple': {
      const a = b.add('adult', 'F', group, surname, adultDob(rng, now, 19, 70));
      const ageA = (now - b.person(a).dob) / YEAR;
      const other = b.add(
        'adult',
        'M',
        group,
        rng.chance(0.5) ? surname : otherFamilyName(rng, group, surname),
        adultDob(rng, now, Math.max(18, Math.floor(ageA) - 3), Math.floor(ageA) + 8)
      );
      b.partners(a, other);
      break;
    }
    case 'single-adult': {
      // Young people living independently, adults, and a few older people.
      const band = rng.weightedIndex([10, 25, 55, 10]);
      const [lo, hi] = (
        [
          [16, 18],
          [18, 25],
          [25, 65],
          [65, 90]
        ] as [number, number][]
      )[band] ?? [25, 65];
      b.add('adult', sex(rng), group, surname, adultDob(rng, now, lo, hi));
      break;
    }
  }
  addAliases(rng, lists, group, b.people, now);
  return { shape, group, residence, people: b.people, links: b.links };
}

/** A grandparent of the children through `parent`, with the parent's family name. */
function grandparentFor(
  b: FamilyBuilder,
  rng: Rng,
  parent: number,
  kids: number[],
  group: NameGroup
): void {
  const p = b.person(parent);
  const g = b.add(
    'grandparent',
    rng.chance(0.75) ? 'F' : 'M',
    group,
    p.familyName,
    p.dob - (rng.int(19, 33) + rng.float()) * YEAR
  );
  b.parentOf(g, parent);
  for (const k of kids) b.link(g, k, 'FAMILY', 'grandparent', 'grandchild');
}
