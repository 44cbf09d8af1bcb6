/**
 * Dates and names as the team pages show them. Shared by server and browser with a fixed locale
 * and time zone, so a page renders the same before and after hydration.
 */
const TIME_ZONE = 'Australia/Sydney';

const dateFormat = new Intl.DateTimeFormat('en-AU', { dateStyle: 'medium', timeZone: TIME_ZONE });
const dateTimeFormat = new Intl.DateTimeFormat('en-AU', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: TIME_ZONE
});
// Dates of birth are calendar dates: no time zone may move them a day.
const birthFormat = new Intl.DateTimeFormat('en-AU', { dateStyle: 'medium', timeZone: 'UTC' });

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDate(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? dateFormat.format(date) : '';
}

/** In the app's zone, or in `timeZone` (a meeting's time is shown in the zone it was set in). */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  const date = parse(iso);
  if (!date) return '';
  if (!timeZone || timeZone === TIME_ZONE) return dateTimeFormat.format(date);
  try {
    return new Intl.DateTimeFormat('en-AU', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone
    }).format(date);
  } catch {
    return dateTimeFormat.format(date);
  }
}

/** `2012-05-06` as "6 May 2012". */
export function formatBirthDate(isoDate: string | null | undefined): string {
  const date = parse(isoDate ? `${isoDate.slice(0, 10)}T00:00:00Z` : null);
  return date ? birthFormat.format(date) : '';
}

export interface NamedClient {
  givenName: string;
  familyName: string;
  preferredName?: string | null;
}

export function fullName(client: NamedClient): string {
  return `${client.givenName} ${client.familyName}`.trim();
}

/** "Casey Smith (Cas)" when a preferred name differs from the given name. */
export function displayName(client: NamedClient): string {
  const preferred = client.preferredName?.trim();
  return preferred && preferred !== client.givenName
    ? `${fullName(client)} (${preferred})`
    : fullName(client);
}
