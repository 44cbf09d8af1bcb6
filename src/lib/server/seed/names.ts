/**
 * Name lists from data/names/ (see its README) and the pickers that use them: a naming tradition
 * per family, given names by sex, nicknames and anglicised everyday names.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Country } from './areas.ts';
import type { StreetLists } from './contact.ts';
import { dataDir } from './paths.ts';
import type { Rng } from './random.ts';

export type Sex = 'F' | 'M';

export interface NameGroup {
  key: string;
  label: string;
  weight: { au: number; uk: number };
  female: string[];
  male: string[];
  /** Names mostly given before 1990 ("Karen", "Wayne"); without them every list fits all ages. */
  femaleOlder?: string[];
  maleOlder?: string[];
  family: string[];
  language: string | null;
}

export interface NameLists {
  groups: NameGroup[];
  nicknames: Record<string, string[]>;
  anglicised: { female: string[]; male: string[] };
  streets: StreetLists;
}

function isStringList(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => typeof v === 'string' && v.trim() === v && v !== '')
  );
}

/** Reads and checks the lists once per process; a broken file fails loudly, naming the group. */
let cached: NameLists | undefined;
export function nameLists(dir = dataDir('names')): NameLists {
  if (cached) return cached;
  const people = JSON.parse(readFileSync(path.join(dir, 'people.json'), 'utf8')) as Omit<
    NameLists,
    'streets'
  >;
  const streets = JSON.parse(readFileSync(path.join(dir, 'streets.json'), 'utf8')) as StreetLists;
  for (const group of people.groups) {
    if (!isStringList(group.female) || !isStringList(group.male) || !isStringList(group.family)) {
      throw new Error(
        `data/names/people.json: group "${group.key}" needs non-empty female, male and family lists`
      );
    }
  }
  if (
    !isStringList(streets.names) ||
    !isStringList(streets.types.au) ||
    !isStringList(streets.types.uk)
  ) {
    throw new Error('data/names/streets.json needs names and types.au / types.uk lists');
  }
  cached = { ...people, streets };
  return cached;
}

const groupWeights = new WeakMap<NameLists, Record<Country, number[]>>();

export function pickGroup(rng: Rng, lists: NameLists, country: Country): NameGroup {
  let weights = groupWeights.get(lists);
  if (!weights) {
    weights = {
      AU: lists.groups.map((g) => g.weight.au),
      UK: lists.groups.map((g) => g.weight.uk)
    };
    groupWeights.set(lists, weights);
  }
  return lists.groups[rng.weightedIndex(weights[country])] as NameGroup;
}

/**
 * People born before 1975 nearly always get the older names and those born 1975-89 mostly, so a
 * child is not called Barry and a grandmother not Aaliyah.
 */
function olderShare(birthYear: number): number {
  if (birthYear < 1975) return 0.92;
  return birthYear < 1990 ? 0.65 : 0;
}

export function givenName(rng: Rng, group: NameGroup, sex: Sex, birthYear: number): string {
  const older = sex === 'F' ? group.femaleOlder : group.maleOlder;
  if (older && rng.chance(olderShare(birthYear))) return rng.pick(older);
  return rng.pick(sex === 'F' ? group.female : group.male);
}

export function anglo(lists: NameLists): NameGroup {
  const group = lists.groups.find((g) => g.key === 'anglo') ?? lists.groups[0];
  if (!group) throw new Error('data/names/people.json has no groups');
  return group;
}

/** A different family name from the same tradition (a previous married name, an absent father's). */
export function otherFamilyName(rng: Rng, group: NameGroup, not: string): string {
  for (let i = 0; i < 8; i++) {
    const name = rng.pick(group.family);
    if (name !== not) return name;
  }
  return rng.pick(group.family.filter((n) => n !== not).concat(['Smith']));
}

/** The name someone goes by, when it differs from their given name; undefined most of the time. */
export function preferredName(
  rng: Rng,
  lists: NameLists,
  group: NameGroup,
  given: string,
  sex: Sex,
  adult: boolean
): string | undefined {
  const nicknames = lists.nicknames[given];
  if (nicknames && rng.chance(0.35)) return rng.pick(nicknames);
  if (group.key !== 'anglo' && adult && rng.chance(0.12)) {
    return rng.pick(sex === 'F' ? lists.anglicised.female : lists.anglicised.male);
  }
  return undefined;
}
