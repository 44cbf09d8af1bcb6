/** Wall-clock time in a time zone, as sortable "YYYY-MM-DDTHH:MM" strings (no date library needed). */

export function localDateTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23'
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

export const DIGEST_LOCAL_TIME = '07:00';

/**
 * A digest is due when the person's local time has passed 07:00 today and their last digest (if
 * any) was before today's 07:00 local: "07:00 has passed since their last digest". Returns the
 * local date the digest is for, or null when not due.
 */
export function digestDue(now: Date, timeZone: string, lastDigestAt: Date | null): string | null {
  const local = localDateTime(now, timeZone);
  const today = local.slice(0, 10);
  const boundary = `${today}T${DIGEST_LOCAL_TIME}`;
  if (local < boundary) return null;
  if (lastDigestAt && localDateTime(lastDigestAt, timeZone) >= boundary) return null;
  return today;
}
