/** The meeting invitation, parsed back the way a calendar would read it (RFC 5545). */
import { describe, expect, it } from 'vitest';
import {
  buildInvite,
  escapeText,
  firstNameAndInitial,
  foldLine,
  formatUtc,
  type MeetingInvite
} from '../../src/lib/server/meetings/ics.ts';

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** Unfolds (CRLF + one space or tab) and splits each content line into name, params and value. */
function parse(ics: string): Property[] {
  const unfolded = ics.replace(/\r\n[ \t]/g, '');
  return unfolded
    .split('\r\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      // The value starts at the first ':' outside a quoted parameter value.
      let quoted = false;
      let colon = -1;
      for (let i = 0; i < line.length; i++) {
        if (line[i] === '"') quoted = !quoted;
        else if (line[i] === ':' && !quoted) {
          colon = i;
          break;
        }
      }
      const head = line.slice(0, colon);
      const value = line.slice(colon + 1);
      const [name = '', ...rawParams] = head.match(/(?:[^;"]|"[^"]*")+/g) ?? [];
      const params: Record<string, string> = {};
      for (const raw of rawParams) {
        const eq = raw.indexOf('=');
        params[raw.slice(0, eq)] = raw.slice(eq + 1).replace(/^"(.*)"$/, '$1');
      }
      return { name, params, value };
    });
}

function unescape(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

const base: MeetingInvite = {
  uid: 'meeting-123@teamaround.example',
  summary: 'Multi-agency meeting — Casey C.',
  start: new Date('2026-12-01T09:30:00Z'),
  durationMinutes: 90,
  now: new Date('2026-11-25T21:15:00Z'),
  organizer: { name: 'Alex Member', email: 'alex@example.test' },
  attendees: [
    { name: 'Alex Member', email: 'alex@example.test' },
    { name: 'Smith, Jo; "Team Lead"', email: 'jo.smith@school.example' },
    { name: 'Zoë Ångström-Øster', email: 'zoe@health.example' }
  ],
  description:
    'Pack: https://teamaround.example/clients/abc/meeting/pack?attendees=a,b\nAgenda; see the pack, please.',
  url: 'https://teamaround.example/clients/abc/meeting/pack?attendees=a%2Cb'
};

describe('buildInvite', () => {
  const ics = buildInvite(base);
  const props = parse(ics);
  const get = (name: string) => props.filter((p) => p.name === name);

  it('uses CRLF line endings only, ends with CRLF and folds every line at 75 octets', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) {
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    }
    // The long description had to be folded.
    expect(ics).toMatch(/\r\n /);
  });

  it('is one VCALENDAR holding one VEVENT with the required properties', () => {
    expect(props[0]).toMatchObject({ name: 'BEGIN', value: 'VCALENDAR' });
    expect(props.at(-1)).toMatchObject({ name: 'END', value: 'VCALENDAR' });
    expect(get('VERSION')[0]?.value).toBe('2.0');
    expect(get('PRODID')).toHaveLength(1);
    expect(get('BEGIN').map((p) => p.value)).toEqual(['VCALENDAR', 'VEVENT']);
    expect(get('UID')[0]?.value).toBe(base.uid);
    expect(get('DTSTAMP')[0]?.value).toBe('20261125T211500Z');
    expect(get('DTSTART')[0]?.value).toBe('20261201T093000Z');
    expect(get('DTEND')[0]?.value).toBe('20261201T110000Z');
  });

  it('escapes text and keeps non-ASCII characters whole', () => {
    expect(unescape(get('SUMMARY')[0]?.value ?? '')).toBe('Multi-agency meeting — Casey C.');
    expect(unescape(get('DESCRIPTION')[0]?.value ?? '')).toBe(base.description);
    expect(get('DESCRIPTION')[0]?.value).toContain('\\;');
    expect(get('DESCRIPTION')[0]?.value).toContain('\\,');
    expect(get('DESCRIPTION')[0]?.value).toContain('\\n');
  });

  it('lists every attendee once with a mailto address and a safe common name', () => {
    const attendees = get('ATTENDEE');
    expect(attendees.map((a) => a.value)).toEqual([
      'mailto:alex@example.test',
      'mailto:jo.smith@school.example',
      'mailto:zoe@health.example'
    ]);
    expect(attendees[1]?.params.CN).toBe('Smith, Jo; Team Lead');
    expect(attendees[2]?.params.CN).toBe('Zoë Ångström-Øster');
    expect(attendees.every((a) => a.params.RSVP === 'TRUE')).toBe(true);
    expect(get('ORGANIZER')[0]?.value).toBe('mailto:alex@example.test');
  });

  it('drops duplicate addresses and refuses a non-positive duration', () => {
    const twice = buildInvite({
      ...base,
      attendees: [
        { name: 'A', email: 'a@x.test' },
        { name: 'A again', email: 'A@X.test' }
      ]
    });
    expect(parse(twice).filter((p) => p.name === 'ATTENDEE')).toHaveLength(1);
    expect(() => buildInvite({ ...base, durationMinutes: 0 })).toThrow(RangeError);
  });
});

describe('helpers', () => {
  it('folds without splitting a multi-byte character', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) {
      expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
      expect(part).not.toContain('\uFFFD');
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('leaves short lines alone', () => {
    expect(foldLine('VERSION:2.0')).toBe('VERSION:2.0');
  });

  it('formats UTC date-times and escapes text', () => {
    expect(formatUtc(new Date('2027-01-02T03:04:05.678Z'))).toBe('20270102T030405Z');
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  it('names a client by first name and initial only', () => {
    expect(firstNameAndInitial('Casey', 'ökland')).toBe('Casey Ö.');
    expect(firstNameAndInitial('Casey', '')).toBe('Casey');
  });
});
