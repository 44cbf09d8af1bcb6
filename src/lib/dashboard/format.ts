/**
 * Dates as the dashboard shows them, in UTC (weeks start Monday 00:00 UTC), so the server's render
 * and the browser's hydration print the same text.
 */
const DAY = new Intl.DateTimeFormat('en-AU', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC'
});
const SHORT = new Intl.DateTimeFormat('en-AU', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en-AU', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: 'UTC'
});

const valid = (iso: string) => !Number.isNaN(new Date(iso).getTime());

/** 23 Nov 2026 */
export function formatDay(iso: string): string {
  return valid(iso) ? DAY.format(new Date(iso)) : iso;
}

/** 23 Nov */
export function formatShortDay(iso: string): string {
  return valid(iso) ? SHORT.format(new Date(iso)) : iso;
}

/** 23 Nov 2026, 21:50 UTC */
export function formatTime(iso: string): string {
  return valid(iso) ? `${TIME.format(new Date(iso))} UTC` : iso;
}

/**
 * "+12" -> "+12", "-3" -> "−3" (a real minus sign reads better and is announced as minus),
 * "+37416" -> "+37,416" (grouped like the figures beside it); anything else unchanged.
 */
export function formatChange(change: string): string {
  const signed = /^([+-]?)(\d+)$/.exec(change);
  if (!signed) return change;
  const [, sign, digits] = signed;
  return `${sign === '-' ? '−' : sign}${formatCount(digits!)}`;
}

/** CHILD_PROTECTION -> Child protection, GP -> GP */
export function formatKind(kind: string): string {
  if (kind === 'GP') return 'GP';
  const text = kind.replaceAll('_', ' ').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "15959" -> "15,959"; "<5", "0" and anything else unchanged. */
export function formatCount(shown: string): string {
  return /^\d{4,}$/.test(shown) ? Number(shown).toLocaleString('en-AU') : shown;
}
