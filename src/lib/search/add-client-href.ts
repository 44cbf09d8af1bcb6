import { extractDob, formatDob } from './dob';

/**
 * `/clients/new` prefilled from what was searched for: the first word as given name, the rest as
 * family name and a typed date of birth, so "add a client" after a fruitless search does not make
 * the practitioner type it all again.
 */
export function addClientHref(q: string): string {
  const { dob, rest } = extractDob(q);
  const words = rest.split(/\s+/).filter(Boolean);
  const params = new URLSearchParams();
  if (words.length > 0) params.set('givenName', words[0] ?? '');
  if (words.length > 1) params.set('familyName', words.slice(1).join(' '));
  if (dob?.kind === 'date') params.set('dob', formatDob(dob));
  return `/clients/new?${params.toString()}`;
}
