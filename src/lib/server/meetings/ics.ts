/**
 * An iCalendar (RFC 5545) invitation for a multi-agency meeting. Pure: no I/O, so it is tested by
 * parsing its output back. Only what identifies the meeting to its attendees goes in (DESIGN.md
 * rule 6): the client's first name and initial, the attendees' work addresses and the pack link,
 * which is behind sign-in.
 */

export interface IcsAttendee {
  name: string;
  email: string;
}

export interface MeetingInvite {
  /** Stable per meeting so that a re-sent invitation updates the same calendar entry. */
  uid: string;
  /** "Multi-agency meeting — Casey C." */
  summary: string;
  start: Date;
  durationMinutes: number;
  organizer?: IcsAttendee;
  attendees: IcsAttendee[];
  description?: string;
  location?: string;
  url?: string;
  /** DTSTAMP: when this invitation was made; defaults to now. */
  now?: Date;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** `20261125T211500Z`: a UTC DATE-TIME (section 3.3.5, form #2). */
export function formatUtc(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('ics: invalid date');
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** TEXT values (section 3.3.11): backslash, semicolon, comma and newlines are escaped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * A parameter value (section 3.2): DQUOTE cannot appear at all, and a value holding `:`, `;` or
 * `,` must be quoted. Control characters are dropped.
 */
export function paramValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/["\u0000-\u001f\u007f]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/**
 * Folds a content line at 75 octets (section 3.1): CRLF followed by one space, never inside a
 * UTF-8 sequence. Continuation lines carry the leading space, so they hold 74 octets of content.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function mailto(email: string): string {
  // Addresses come from our own records, but a stray CR/LF or space must not break the line.
  return `mailto:${email.trim().replace(/[\s"]/g, '')}`;
}

/** The whole VCALENDAR, CRLF line endings, folded. */
export function buildInvite(invite: MeetingInvite): string {
  if (!Number.isFinite(invite.durationMinutes) || invite.durationMinutes <= 0) {
    throw new RangeError('ics: durationMinutes must be positive');
  }
  const end = new Date(invite.start.getTime() + invite.durationMinutes * 60_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Teamaround//Multi-agency meeting//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${invite.uid}`,
    `DTSTAMP:${formatUtc(invite.now ?? new Date())}`,
    `DTSTART:${formatUtc(invite.start)}`,
    `DTEND:${formatUtc(end)}`,
    `SUMMARY:${escapeText(invite.summary)}`
  ];
  if (invite.description) lines.push(`DESCRIPTION:${escapeText(invite.description)}`);
  if (invite.location) lines.push(`LOCATION:${escapeText(invite.location)}`);
  if (invite.url) lines.push(`URL:${invite.url}`);
  if (invite.organizer) {
    lines.push(
      `ORGANIZER;CN=${paramValue(invite.organizer.name)}:${mailto(invite.organizer.email)}`
    );
  }
  const seen = new Set<string>();
  for (const attendee of invite.attendees) {
    const key = attendee.email.trim().toLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    lines.push(
      `ATTENDEE;CN=${paramValue(attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:${mailto(attendee.email)}`
    );
  }
  lines.push('STATUS:CONFIRMED', 'SEQUENCE:0', 'END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** "Casey C.": how a client is named outside sign-in (DESIGN.md rule 6). */
export function firstNameAndInitial(givenName: string, familyName: string): string {
  const initial = [...familyName.trim()][0];
  return initial ? `${givenName.trim()} ${initial.toUpperCase()}.` : givenName.trim();
}
