/**
 * Where clients live. The demo is about New South Wales, so most clients live in NSW councils
 * (weighted by rough district populations, Western Sydney boosted because the demo accounts work
 * there); a tenth live in a few council areas of the other states and territories, and a few in
 * English local authorities, so that every level of the area hierarchy is used.
 */
import { type AreaCatalogue, type AreaRecord, NSW, nswDistrictCode } from './areas.ts';

/** Rough population in thousands of each NSW district; only the proportions matter. */
const NSW_DISTRICT_WEIGHT: Record<string, number> = {
  'Central Coast': 350,
  'Far West': 30,
  'Hunter New England': 960,
  'Illawarra Shoalhaven': 420,
  'Mid North Coast': 230,
  Murrumbidgee: 250,
  'Nepean Blue Mountains': 390,
  'Northern NSW': 310,
  'Northern Sydney': 950,
  'South Eastern Sydney': 950,
  'South Western Sydney': 1100,
  'Southern NSW': 220,
  Sydney: 720,
  'Western NSW': 280,
  'Western Sydney': 1575
};

/** Regional cities that hold most of their district's people (weighted x4 over small shires). */
const NSW_REGIONAL_CENTRES = new Set([
  'Newcastle',
  'Lake Macquarie',
  'Maitland',
  'Tamworth',
  'Armidale',
  'Wollongong',
  'Shoalhaven',
  'Wagga Wagga',
  'Albury',
  'Griffith',
  'Dubbo',
  'Orange',
  'Bathurst',
  'Coffs Harbour',
  'Port Macquarie-Hastings',
  'Tweed',
  'Lismore',
  'Queanbeyan-Palerang Regional',
  'Broken Hill',
  'Penrith',
  'Blue Mountains',
  'Hawkesbury'
]);

/** Council areas used outside NSW, by official name, with their share of clients. */
export const OTHER_COUNCILS: { state: string; name: string; weight: number }[] = [
  { state: 'AU-VIC', name: 'Melbourne', weight: 1.2 },
  { state: 'AU-VIC', name: 'Casey', weight: 1.2 },
  { state: 'AU-QLD', name: 'Brisbane', weight: 1.2 },
  { state: 'AU-QLD', name: 'Logan', weight: 0.8 },
  { state: 'AU-SA', name: 'Adelaide', weight: 0.5 },
  { state: 'AU-WA', name: 'Perth', weight: 0.7 },
  { state: 'AU-TAS', name: 'Hobart', weight: 0.3 },
  { state: 'AU-NT', name: 'Darwin', weight: 0.2 },
  { state: 'AU-ACT', name: 'Unincorporated ACT', weight: 0.4 },
  { state: 'UK-R-north-west', name: 'Manchester', weight: 0.5 },
  { state: 'UK-R-west-midlands', name: 'Birmingham', weight: 0.5 },
  { state: 'UK-R-yorkshire-and-the-humber', name: 'Leeds', weight: 0.4 },
  { state: 'UK-R-south-west', name: 'Bristol, City of', weight: 0.4 },
  { state: 'UK-R-london', name: 'Tower Hamlets', weight: 0.5 },
  { state: 'UK-R-south-west', name: 'Cornwall', weight: 0.3 },
  { state: 'UK-R-east-of-england', name: 'Norwich', weight: 0.3 }
];

/** Share of clients outside NSW (the weights above are spread over this). */
const OUTSIDE_NSW_SHARE = 0.1;

export interface Residence {
  council: AreaRecord;
  /** District (NSW, English county) or state that groups agencies for this council. */
  region: string;
  weight: number;
}

/** Everyday names for councils whose official name reads badly on a letterhead. */
const PLACE_OVERRIDES: Record<string, string> = { '89399': 'Canberra' };

export function residencePlace(area: AreaRecord, fallback: string): string {
  return PLACE_OVERRIDES[area.code] ?? fallback;
}

/** Every council clients may live in, with weights summing to 1. */
export function residences(catalogue: AreaCatalogue): Residence[] {
  const nsw = catalogue.areas.filter(
    (a) => a.level === 'COUNCIL' && a.state === NSW && !a.name.startsWith('Unincorporated')
  );
  const byDistrict = new Map<string, AreaRecord[]>();
  for (const council of nsw) {
    const list = byDistrict.get(council.parent ?? '') ?? [];
    list.push(council);
    byDistrict.set(council.parent ?? '', list);
  }
  const out: Residence[] = [];
  const nswTotal = Object.values(NSW_DISTRICT_WEIGHT).reduce((a, b) => a + b, 0);
  for (const [name, weight] of Object.entries(NSW_DISTRICT_WEIGHT)) {
    const code = nswDistrictCode(name);
    const councils = byDistrict.get(code);
    if (!councils) throw new Error(`No NSW councils found for district ${name}`);
    const factor = (c: AreaRecord) => (NSW_REGIONAL_CENTRES.has(c.name) ? 4 : 1);
    const parts = councils.reduce((a, c) => a + factor(c), 0);
    for (const council of councils) {
      out.push({
        council,
        region: code,
        weight: ((1 - OUTSIDE_NSW_SHARE) * weight * factor(council)) / (nswTotal * parts)
      });
    }
  }
  const otherTotal = OTHER_COUNCILS.reduce((a, c) => a + c.weight, 0);
  for (const other of OTHER_COUNCILS) {
    const council = catalogue.areas.find(
      (a) => a.level === 'COUNCIL' && a.state === other.state && a.name === other.name
    );
    if (!council)
      throw new Error(`Council "${other.name}" (${other.state}) is not in the area files`);
    out.push({
      council,
      region: council.code,
      weight: (OUTSIDE_NSW_SHARE * other.weight) / otherTotal
    });
  }
  return out;
}
