import { describe, expect, it } from 'vitest';
import { extractDob, formatDob, formatIsoDate, parseDob } from '../../src/lib/search/dob.ts';

const TODAY = new Date(Date.UTC(2026, 0, 15));

describe('parseDob', () => {
  it('reads day-first dates with slashes, dashes or dots', () => {
    for (const input of ['12/03/2015', '12-3-2015', '12/3/2015', '12.03.2015', ' 12/03/2015 ']) {
      expect(parseDob(input, TODAY), input).toEqual({ kind: 'date', date: '2015-03-12' });
    }
  });

  it('reads ISO dates', () => {
    expect(parseDob('2015-03-12', TODAY)).toEqual({ kind: 'date', date: '2015-03-12' });
    expect(parseDob('2015-3-2', TODAY)).toEqual({ kind: 'date', date: '2015-03-02' });
  });

  it('reads a year on its own', () => {
    expect(parseDob('2015', TODAY)).toEqual({ kind: 'year', year: 2015 });
  });

  it('rejects impossible, future and implausible dates', () => {
    expect(parseDob('31/02/2015', TODAY)).toBeNull();
    expect(parseDob('29/02/2015', TODAY)).toBeNull();
    expect(parseDob('29/02/2016', TODAY)).toEqual({ kind: 'date', date: '2016-02-29' });
    expect(parseDob('12/13/2015', TODAY)).toBeNull();
    expect(parseDob('00/01/2015', TODAY)).toBeNull();
    expect(parseDob('16/01/2026', TODAY)).toBeNull();
    expect(parseDob('2027', TODAY)).toBeNull();
    expect(parseDob('1899', TODAY)).toBeNull();
    expect(parseDob('01/01/1850', TODAY)).toBeNull();
  });

  it('is not fooled by other text', () => {
    for (const input of [
      '',
      'smith',
      '12',
      '201',
      '20155',
      '12/03/15',
      '2015-03-12T00:00',
      'x'.repeat(10_000)
    ]) {
      expect(parseDob(input, TODAY), input).toBeNull();
    }
  });
});

describe('extractDob', () => {
  it('takes the date of birth out of a name search', () => {
    expect(extractDob('john smith 12/03/2015', TODAY)).toEqual({
      dob: { kind: 'date', date: '2015-03-12' },
      rest: 'john smith'
    });
    expect(extractDob('2015 smith', TODAY)).toEqual({
      dob: { kind: 'year', year: 2015 },
      rest: 'smith'
    });
    expect(extractDob('john smith', TODAY)).toEqual({ dob: null, rest: 'john smith' });
  });
});

describe('month names', () => {
  it('reads a date written with a month name, day first or month first', () => {
    for (const input of [
      '20 Sep 2011',
      '20 sept 2011',
      '20 September 2011',
      '20th Sep. 2011',
      '20-Sep-2011',
      'Sep 20 2011',
      'September 20, 2011'
    ]) {
      expect(parseDob(input, TODAY), input).toEqual({ kind: 'date', date: '2011-09-20' });
    }
    expect(parseDob('3 May 2012', TODAY)).toEqual({ kind: 'date', date: '2012-05-03' });
  });

  it('takes a written date out of a name search, words around it and all', () => {
    expect(extractDob('Nolan 20 Sep 2011', TODAY)).toEqual({
      dob: { kind: 'date', date: '2011-09-20' },
      rest: 'Nolan'
    });
    expect(extractDob('mia 20 September 2011 nolan', TODAY)).toEqual({
      dob: { kind: 'date', date: '2011-09-20' },
      rest: 'mia nolan'
    });
    // A name that starts like a month is a name.
    expect(extractDob('Mayfield Junet 2011', TODAY)).toEqual({
      dob: { kind: 'year', year: 2011 },
      rest: 'Mayfield Junet'
    });
  });

  it('rejects impossible and future written dates', () => {
    expect(parseDob('31 Feb 2011', TODAY)).toBeNull();
    expect(parseDob('20 Sep 2030', TODAY)).toBeNull();
    expect(parseDob('20 Smarch 2011', TODAY)).toBeNull();
    expect(parseDob('x 20 Sep 2011', TODAY)).toBeNull();
  });
});

describe('formatting', () => {
  it('shows dates day first', () => {
    expect(formatIsoDate('2015-03-12')).toBe('12/03/2015');
    expect(formatIsoDate(null)).toBe('');
    expect(formatDob({ kind: 'date', date: '2015-03-12' })).toBe('12/03/2015');
    expect(formatDob({ kind: 'year', year: 2015 })).toBe('2015');
  });
});
