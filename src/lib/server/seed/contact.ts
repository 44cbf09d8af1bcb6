/**
 * Phone numbers and addresses that cannot reach anybody. Phones come only from the ranges the
 * regulators reserve for drama and fiction: ACMA's (0x) 5550 xxxx and (0x) 7010 xxxx in
 * Australia, Ofcom's 020 7946 0xxx, 0113 496 0xxx, ... and 07700 900xxx in the UK. E-mail
 * domains all end in .example (RFC 2606). Street addresses are invented.
 */
import type { AreaRecord } from './areas.ts';
import type { Rng } from './random.ts';
import { slug } from './text.ts';

const AU_AREA_CODE: Record<string, string> = {
  'AU-NSW': '02',
  'AU-ACT': '02',
  'AU-VIC': '03',
  'AU-TAS': '03',
  'AU-QLD': '07',
  'AU-SA': '08',
  'AU-WA': '08',
  'AU-NT': '08',
  'AU-OT': '08'
};

const UK_GEOGRAPHIC = [
  '0113 496 0',
  '0114 496 0',
  '0115 496 0',
  '0116 496 0',
  '0117 496 0',
  '0118 496 0',
  '0121 496 0',
  '0131 496 0',
  '0141 496 0',
  '0151 496 0',
  '0161 496 0',
  '0191 498 0'
];

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

/** A landline in a fictional range for the area's state or region. */
export function landline(rng: Rng, area: AreaRecord): string {
  if (area.country === 'UK') {
    if (area.state === 'UK-R-london') return `020 7946 0${digits(rng, 3)}`;
    return `${rng.pick(UK_GEOGRAPHIC)}${digits(rng, 3)}`;
  }
  const code = AU_AREA_CODE[area.state] ?? '02';
  return `(${code}) ${rng.chance(0.5) ? '5550' : '7010'} ${digits(rng, 4)}`;
}

/** A practitioner's direct line: a fictional landline, or in the UK a fictional mobile. */
export function workPhone(rng: Rng, area: AreaRecord): string {
  if (area.country === 'UK' && rng.chance(0.5)) return `07700 900${digits(rng, 3)}`;
  return landline(rng, area);
}

/** A stable made-up postcode for a council, in the right range for its state. */
export function postcode(area: AreaRecord): string {
  let h = 0;
  for (const ch of area.code) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  if (area.country === 'UK') {
    const letters = slug(area.name)
      .replace(/[^a-z]/g, '')
      .slice(0, 2)
      .toUpperCase()
      .padEnd(2, 'X');
    const inward = 'ABDEFGHJLNPQRSTUWXYZ';
    return `${letters}${1 + (h % 19)} ${h % 10}${inward[(h >>> 5) % inward.length]}${inward[(h >>> 9) % inward.length]}`;
  }
  const base: Record<string, number> = {
    'AU-NSW': 2000,
    'AU-ACT': 2600,
    'AU-VIC': 3000,
    'AU-QLD': 4000,
    'AU-SA': 5000,
    'AU-WA': 6000,
    'AU-TAS': 7000,
    'AU-NT': 800
  };
  const start = base[area.state] ?? 2000;
  const span = area.state === 'AU-ACT' ? 20 : area.state === 'AU-NT' ? 90 : 900;
  return String(start + (h % span)).padStart(4, '0');
}

export interface StreetLists {
  names: string[];
  types: { au: string[]; uk: string[] };
  units: string[];
}

/** "4/27 Wattle Street, Blacktown NSW 2148" or "12 Mill Lane, Derby DE4 5QT". */
export function streetAddress(
  rng: Rng,
  streets: StreetLists,
  area: AreaRecord,
  place: string
): string {
  const number = rng.chance(0.7) ? rng.int(1, 120) : rng.int(121, 480);
  const street = `${rng.pick(streets.names)} ${rng.pick(area.country === 'UK' ? streets.types.uk : streets.types.au)}`;
  if (area.country === 'UK') {
    const flat = rng.chance(0.2) ? `Flat ${rng.int(1, 24)}, ` : '';
    return `${flat}${number} ${street}, ${place} ${postcode(area)}`;
  }
  const unit = rng.chance(0.25) ? `${rng.int(1, 40)}/` : '';
  const state = area.state.replace('AU-', '');
  return `${unit}${number} ${street}, ${place} ${state} ${postcode(area)}`;
}
