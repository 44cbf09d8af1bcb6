import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ancestors, parseAreas, placeName } from '../../src/lib/server/seed/areas.ts';
import { parseCsv, parseCsvRecords } from '../../src/lib/server/seed/csv.ts';
import { residences } from '../../src/lib/server/seed/residence.ts';

const dir = path.resolve(import.meta.dirname, '../../data/areas');
const dataLines = (file: string) =>
  readFileSync(path.join(dir, file), 'utf8').trim().split('\n').length - 1;
const catalogue = parseAreas();
const of = (level: string, country: string) =>
  catalogue.areas.filter((a) => a.level === level && a.country === country);

describe('CSV reader', () => {
  it('reads quoted fields with commas, doubled quotes and CRLF line ends', () => {
    expect(parseCsv('a,b\r\n"Bristol, City of","say ""hi"""\r\n')).toEqual([
      ['a', 'b'],
      ['Bristol, City of', 'say "hi"']
    ]);
  });

  it('names a missing column', () => {
    expect(() => parseCsvRecords('x,y\n1,2\n', ['x', 'z'])).toThrow(/column "z"/);
  });
});

describe('area hierarchy from data/areas', () => {
  it('has every Australian council area in au-lga.csv', () => {
    expect(of('COUNCIL', 'AU')).toHaveLength(dataLines('au-lga.csv'));
    expect(of('COUNCIL', 'AU')).toHaveLength(547);
  });

  it('has the 9 Australian states and territories and the 15 NSW districts', () => {
    expect(
      of('STATE', 'AU')
        .map((a) => a.code)
        .sort()
    ).toEqual([
      'AU-ACT',
      'AU-NSW',
      'AU-NT',
      'AU-OT',
      'AU-QLD',
      'AU-SA',
      'AU-TAS',
      'AU-VIC',
      'AU-WA'
    ]);
    const districts = of('DISTRICT', 'AU');
    expect(districts).toHaveLength(15);
    expect(districts.every((d) => d.code.startsWith('NSW-D-') && d.parent === 'AU-NSW')).toBe(true);
    expect(districts.map((d) => d.code)).toContain('NSW-D-western-sydney');
  });

  it('puts every NSW council in exactly one district and other councils straight under their state', () => {
    const nsw = of('COUNCIL', 'AU').filter((a) => a.state === 'AU-NSW');
    expect(nsw).toHaveLength(dataLines('nsw-districts.csv'));
    expect(nsw.every((c) => c.parent?.startsWith('NSW-D-'))).toBe(true);
    const others = of('COUNCIL', 'AU').filter((a) => a.state !== 'AU-NSW');
    expect(others.every((c) => c.parent === c.state)).toBe(true);
    expect(ancestors(catalogue, '10750')).toEqual(['10750', 'NSW-D-western-sydney', 'AU-NSW']);
  });

  it('has every English local authority district under its county and region', () => {
    const lads = of('COUNCIL', 'UK');
    expect(lads).toHaveLength(dataLines('uk-local-authorities.csv'));
    expect(lads).toHaveLength(296);
    expect(of('STATE', 'UK')).toHaveLength(9);
    expect(of('DISTRICT', 'UK')).toHaveLength(153);
    expect(lads.every((l) => /^E0\d{7}$/.test(l.code) && l.parent?.startsWith('UK-C-'))).toBe(true);
    expect(ancestors(catalogue, 'E06000023')).toEqual([
      'E06000023',
      'UK-C-bristol-city-of',
      'UK-R-south-west'
    ]);
  });

  it('gives every area a unique code equal to the id rule in graph/README.md', () => {
    const codes = catalogue.areas.map((a) => a.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(catalogue.areas).toHaveLength(9 + 15 + 547 + 9 + 153 + 296);
  });

  it('uses everyday place names for agencies', () => {
    const name = (code: string) => placeName(catalogue.byCode.get(code) ?? catalogue.areas[0]!);
    expect(name('11500')).toBe('Campbelltown');
    expect(name('E06000023')).toBe('Bristol');
  });

  it('only lets clients live in councils that exist, mostly in NSW', () => {
    const places = residences(catalogue);
    const total = places.reduce((a, p) => a + p.weight, 0);
    expect(total).toBeCloseTo(1, 6);
    const nsw = places
      .filter((p) => p.council.state === 'AU-NSW')
      .reduce((a, p) => a + p.weight, 0);
    expect(nsw).toBeGreaterThan(0.8);
    expect(places.some((p) => p.council.country === 'UK')).toBe(true);
    expect(places.some((p) => p.council.country === 'AU' && p.council.state !== 'AU-NSW')).toBe(
      true
    );
  });
});
