/**
 * The meeting's choices as they travel in the pack and invitation URLs:
 * `?attendees=<key>,<key>&start=2026-12-01T09:30&tz=Australia/Sydney&durationMinutes=60`.
 * `attendees` may also repeat; `start` may carry its own offset (then `tz` is not needed).
 */
export const DEFAULT_TIME_ZONE = 'Australia/Sydney';
export const DEFAULT_DURATION = 60;
const MAX_KEYS = 60;

export interface MeetingParams {
  attendeeKeys: string[];
  /** As typed (datetime-local), for the form and links. */
  startText: string;
  start: Date | null;
  timeZone: string;
  durationMinutes: number;
}

function validTimeZone(tz: string | null): string {
  if (!tz) return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

/** The UTC instant at which the wall clock in `timeZone` shows `local` (YYYY-MM-DDTHH:mm). */
export function zonedTimeToUtc(local: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offset at that moment, found by formatting; twice, to settle across a DST change.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) guess = asUtc - offsetMinutes(new Date(guess), timeZone) * 60_000;
  const date = new Date(guess);
  return Number.isNaN(date.getTime()) ? null : date;
}

function offsetMinutes(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit'
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((wall - Math.floor(date.getTime() / 60_000) * 60_000) / 60_000);
}

export function parseMeetingParams(search: URLSearchParams): MeetingParams {
  const attendeeKeys = [
    ...new Set(
      search
        .getAll('attendees')
        .flatMap((value) => value.split(','))
        .map((key) => key.trim())
        .filter((key) => key.length > 0 && key.length <= 120)
    )
  ].slice(0, MAX_KEYS);
  const timeZone = validTimeZone(search.get('tz'));
  const startText = (search.get('start') ?? '').slice(0, 40);
  let start: Date | null = null;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(startText)) {
    start = zonedTimeToUtc(startText, timeZone);
  } else if (startText) {
    const parsed = new Date(startText);
    start = Number.isNaN(parsed.getTime()) ? null : parsed;
  }
  const duration = Number(search.get('durationMinutes'));
  const durationMinutes =
    Number.isInteger(duration) && duration >= 15 && duration <= 480 ? duration : DEFAULT_DURATION;
  return { attendeeKeys, startText, start, timeZone, durationMinutes };
}

/** The query string that carries the choices to the pack, the invitation and back. */
export function meetingQuery(params: MeetingParams): string {
  const search = new URLSearchParams();
  search.set('attendees', params.attendeeKeys.join(','));
  if (params.startText) search.set('start', params.startText);
  search.set('tz', params.timeZone);
  search.set('durationMinutes', String(params.durationMinutes));
  return search.toString();
}
