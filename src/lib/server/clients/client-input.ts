/**
 * The one input rule for a client's details (DESIGN.md rule 1: names, aliases, date of birth and
 * council area), used by addClient (add-client.ts) and updateClient (update-client.ts), and so by
 * every caller of either: the GraphQL commands, the /clients/new and client page forms, API
 * tokens. Names follow the shared person-name rule (people/person-name.ts).
 *
 * Each check returns the cleaned value or the problem, said for the practitioner; the commands
 * decide how to answer (addClient names the field, updateClient refuses with BAD_USER_INPUT).
 */
import { parseDob } from '../../search/dob.ts';
import { cleanPersonName, personNameProblem } from '../people/person-name.ts';

export const NAME_MAX_LENGTH = 80;
export const MAX_ALIASES = 10;
export const MAX_AGE_YEARS = 120;
export const COUNCIL_MAX_LENGTH = 100;

export type ClientField =
  'givenName' | 'familyName' | 'preferredName' | 'aliases' | 'dob' | 'councilCode';
export type ClientFieldErrors = Partial<Record<ClientField, string>>;

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

export type ClientNameField = 'givenName' | 'familyName' | 'preferredName';

const NAME_LABELS: Record<ClientNameField, { label: string; required: boolean }> = {
  givenName: { label: 'the given name', required: true },
  familyName: { label: 'the family name', required: true },
  preferredName: { label: 'the preferred name', required: false }
};

/** A given, family or preferred name; an empty preferred name is null. */
export function checkClientName(field: ClientNameField, raw: unknown): Checked<string | null> {
  const name = cleanPersonName(raw);
  const problem = personNameProblem(name, { ...NAME_LABELS[field], max: NAME_MAX_LENGTH });
  return problem ? { ok: false, problem } : { ok: true, value: name || null };
}

/** The aliases as they would be stored: cleaned, empty ones dropped, each once. */
export function cleanAliases(raw: readonly unknown[] | string | null | undefined): string[] {
  const list = typeof raw === 'string' ? raw.split(',') : [...(raw ?? [])];
  return [...new Set(list.map(cleanPersonName).filter((a) => a !== ''))];
}

/** A list, or one comma-separated string as typed into the add form. */
export function checkAliases(
  raw: readonly unknown[] | string | null | undefined
): Checked<string[]> {
  const aliases = cleanAliases(raw);
  if (aliases.length > MAX_ALIASES) {
    return { ok: false, problem: `Give at most ${MAX_ALIASES} other names.` };
  }
  for (const alias of aliases) {
    const problem = personNameProblem(alias, {
      label: 'each other name',
      required: true,
      max: NAME_MAX_LENGTH
    });
    if (problem) return { ok: false, problem };
  }
  return { ok: true, value: aliases };
}

/** `2015-03-12` (a date input) or `12/03/2015`: a real date in the past, at most 120 years ago. */
export function checkDob(raw: unknown, today: Date = new Date()): Checked<string> {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return { ok: false, problem: 'Enter the date of birth.' };
  const dob = parseDob(text, today);
  if (!dob || dob.kind !== 'date') {
    return { ok: false, problem: 'Enter a real date of birth in the past, as dd/mm/yyyy.' };
  }
  const oldest = new Date(today);
  oldest.setUTCFullYear(today.getUTCFullYear() - MAX_AGE_YEARS);
  if (dob.date < oldest.toISOString().slice(0, 10)) {
    return {
      ok: false,
      problem: `The date of birth cannot be more than ${MAX_AGE_YEARS} years ago.`
    };
  }
  return { ok: true, value: dob.date };
}

/** A council area's code (or, when adding, its exact name); whether it exists is the command's. */
export function checkCouncil(raw: unknown): Checked<string> {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '' || text.length > COUNCIL_MAX_LENGTH) {
    return { ok: false, problem: 'Choose the council area.' };
  }
  return { ok: true, value: text };
}

export interface NewClientInput {
  givenName: unknown;
  familyName: unknown;
  preferredName?: unknown;
  aliases?: readonly unknown[] | string | null;
  dob: unknown;
  councilCode: unknown;
}

export interface NewClient {
  givenName: string;
  familyName: string;
  preferredName: string | null;
  aliases: string[];
  dob: string;
  councilCode: string;
}

/** Every field of a new client at once, so the form can show every problem together. */
export function validateNewClient(
  input: NewClientInput,
  today: Date = new Date()
): { ok: true; value: NewClient } | { ok: false; fieldErrors: ClientFieldErrors } {
  const checked = {
    givenName: checkClientName('givenName', input.givenName),
    familyName: checkClientName('familyName', input.familyName),
    preferredName: checkClientName('preferredName', input.preferredName),
    aliases: checkAliases(input.aliases),
    dob: checkDob(input.dob, today),
    councilCode: checkCouncil(input.councilCode)
  };
  const fieldErrors: ClientFieldErrors = {};
  for (const [field, result] of Object.entries(checked) as [ClientField, Checked<unknown>][]) {
    if (!result.ok) fieldErrors[field] = result.problem;
  }
  const { givenName, familyName, preferredName, aliases, dob, councilCode } = checked;
  if (
    !givenName.ok ||
    !familyName.ok ||
    !preferredName.ok ||
    !aliases.ok ||
    !dob.ok ||
    !councilCode.ok
  ) {
    return { ok: false, fieldErrors };
  }
  return {
    ok: true,
    value: {
      // Required names are never null once checked.
      givenName: givenName.value ?? '',
      familyName: familyName.value ?? '',
      preferredName: preferredName.value,
      aliases: aliases.value,
      dob: dob.value,
      councilCode: councilCode.value
    }
  };
}
