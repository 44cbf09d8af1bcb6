/**
 * The one rule for a person's name, whoever the person is: a client's given, family and
 * preferred names and aliases (clients/client-input.ts) and a practitioner's full name
 * (accounts/profile-fields.ts). Every path that stores a name (adding or correcting a client,
 * activating an account, editing the profile) goes through here, so no path stores what another
 * refuses (issue 15, finding 7).
 *
 * Why this shape: names are shown in pages, emails, CSV exports and the graph. Output is escaped
 * everywhere, but stored data should not depend on that: markup (`<b>`), spreadsheet formulas
 * (`=`, `+`, `-`, `@` first) and control characters have no place in a name. Letters of any
 * script with their accents, spaces, apostrophes, hyphens and full stops cover real names
 * ("Zoë", "Nguyễn", "O’Brien", "Mary-Jane", "M. J."), and a letter first rules out every formula
 * prefix.
 */

/** Letters (any script, with accents), spaces, apostrophes, hyphens and full stops; a letter first. */
const NAME = /^\p{L}[\p{L}\p{M} '’.-]*$/u;

/** Runs of spaces (any script's space separators, not tabs or newlines) become one space. */
const SPACES = /\p{Zs}+/gu;

/**
 * Normalises what was typed without hiding anything: Unicode NFC (so "Zoë" typed two ways is one
 * name), runs of spaces made one, ends trimmed. Control characters are kept so the rule refuses
 * them rather than silently turning a tab or newline into a space.
 */
export function cleanPersonName(value: unknown): string {
  return typeof value === 'string' ? value.normalize('NFC').replace(SPACES, ' ').trim() : '';
}

export interface NameLimits {
  /** Read in messages: "the given name", "your full name". */
  label: string;
  required: boolean;
  /** At least this many characters when given (default 1). */
  min?: number;
  max: number;
}

/** What is wrong with an already cleaned name, or undefined when it meets the rule. */
export function personNameProblem(name: string, limits: NameLimits): string | undefined {
  const { label, required, min = 1, max } = limits;
  if (name === '') return required ? `Enter ${label}.` : undefined;
  if (name.length < min || name.length > max) {
    return min > 1
      ? `Enter ${label} (${min} to ${max} characters).`
      : `${capitalise(label)} must be at most ${max} characters.`;
  }
  if (!NAME.test(name)) {
    return `${capitalise(label)} can only have letters, spaces, apostrophes, hyphens and full stops, starting with a letter.`;
  }
  return undefined;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
