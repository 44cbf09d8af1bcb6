/** How search results are written on cards and in the search box. Pure. */
import { formatIsoDate } from './dob.ts';

interface Named {
  givenName: string;
  familyName: string;
  preferredName?: string | null;
}

/** "John Smith", or "John “Jack” Smith" when they prefer another name. */
export function clientName(client: Named): string {
  const preferred = client.preferredName?.trim();
  const given = client.givenName.trim();
  return preferred && preferred.toLowerCase() !== given.toLowerCase()
    ? `${given} “${preferred}” ${client.familyName}`
    : `${given} ${client.familyName}`;
}

/** "born 12/03/2015", or "date of birth not known". */
export function bornText(dob: string | null | undefined): string {
  return dob ? `born ${formatIsoDate(dob)}` : 'date of birth not known';
}

/** The digits and a leading + of a phone number, for a `tel:` link. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** "1 result" / "3 results". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
