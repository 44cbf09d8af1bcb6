/** The meeting's choices in URLs: attendee keys, a wall-clock start in a time zone, a duration. */
import { describe, expect, it } from 'vitest';
import {
  meetingQuery,
  parseMeetingParams,
  zonedTimeToUtc
} from '../../src/lib/server/meetings/meeting-params.ts';

describe('zonedTimeToUtc', () => {
  it('reads a wall-clock time in the given zone, either side of daylight saving', () => {
    expect(zonedTimeToUtc('2026-12-01T09:30', 'Australia/Sydney')?.toISOString()).toBe(
      '2026-11-30T22:30:00.000Z'
    );
    expect(zonedTimeToUtc('2026-07-01T09:30', 'Australia/Sydney')?.toISOString()).toBe(
      '2026-06-30T23:30:00.000Z'
    );
    expect(zonedTimeToUtc('2026-07-01T09:30', 'Europe/London')?.toISOString()).toBe(
      '2026-07-01T08:30:00.000Z'
    );
    expect(zonedTimeToUtc('not a time', 'UTC')).toBeNull();
  });
});

describe('parseMeetingParams', () => {
  it('takes comma-separated or repeated attendees, once each, and sane defaults', () => {
    const params = parseMeetingParams(
      new URLSearchParams(
        'attendees=a,b&attendees=b&attendees=c&tz=Nowhere/Special&durationMinutes=5'
      )
    );
    expect(params).toMatchObject({
      attendeeKeys: ['a', 'b', 'c'],
      timeZone: 'Australia/Sydney',
      durationMinutes: 60,
      start: null
    });
  });

  it('round-trips through the query string', () => {
    const params = parseMeetingParams(
      new URLSearchParams(
        'attendees=x,y&start=2026-12-01T09:30&tz=Europe/London&durationMinutes=90'
      )
    );
    expect(params.start?.toISOString()).toBe('2026-12-01T09:30:00.000Z');
    expect(parseMeetingParams(new URLSearchParams(meetingQuery(params)))).toEqual(params);
  });

  it('accepts a start with its own offset', () => {
    const params = parseMeetingParams(new URLSearchParams('start=2026-12-01T09:30:00%2B11:00'));
    expect(params.start?.toISOString()).toBe('2026-11-30T22:30:00.000Z');
  });
});
