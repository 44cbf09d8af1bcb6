/**
 * Practitioners: about one for every ten clients, spread over agencies by expected demand, with
 * job titles that fit their agency, fictional direct lines and unique work e-mail addresses.
 * Generated practitioners have no password (they cannot sign in); only the demo accounts do.
 */
import type { Agency } from './agencies.ts';
import { workPhone } from './contact.ts';
import { DEMO_ACCOUNT_DETAILS, type DemoKey } from './demo-accounts.ts';
import { jobTitles } from './kinds.ts';
import { type NameLists, type Sex, givenName, pickGroup } from './names.ts';
import type { Rng } from './random.ts';
import { emailPart } from './text.ts';
import { DAY, HISTORY, growing } from './time.ts';

export interface Practitioner {
  index: number;
  id: string;
  name: string;
  email: string;
  phone: string;
  jobTitle: string;
  roles: string[];
  createdAt: number;
  agency: number;
  timeZone: string;
  demo: DemoKey | null;
  /** Areas chosen in the profile (COVERS source PROFILE). */
  profileAreas: string[];
  leads: string[];
}

export function practitionerCount(clients: number): number {
  return Math.max(60, Math.round(clients / 10));
}

const TIME_ZONES: Record<string, string> = {
  'AU-NSW': 'Australia/Sydney',
  'AU-ACT': 'Australia/Sydney',
  'AU-VIC': 'Australia/Melbourne',
  'AU-QLD': 'Australia/Brisbane',
  'AU-SA': 'Australia/Adelaide',
  'AU-WA': 'Australia/Perth',
  'AU-TAS': 'Australia/Hobart',
  'AU-NT': 'Australia/Darwin',
  'AU-OT': 'Australia/Perth'
};

export function timeZoneOf(agency: Agency): string {
  return agency.area.country === 'UK'
    ? 'Europe/London'
    : (TIME_ZONES[agency.area.state] ?? 'Australia/Sydney');
}

export function generatePractitioners(
  agencies: Agency[],
  staffing: number[],
  lists: NameLists,
  rng: Rng,
  now: number
): Practitioner[] {
  const out: Practitioner[] = [];
  for (const agency of agencies) {
    const titles = jobTitles(agency.kind, agency.area.country);
    for (let n = 0; n < (staffing[agency.index] ?? 0); n++) {
      const index = out.length;
      const sex: Sex = rng.chance(0.7) ? 'F' : 'M'; // most of this workforce are women
      const group = pickGroup(rng, lists, agency.area.country);
      // Working age: born between the early 1960s and the early 2000s.
      const given = givenName(rng, group, sex, new Date(now).getUTCFullYear() - rng.int(23, 64));
      const family = rng.pick(group.family);
      out.push({
        index,
        id: rng.uuid(),
        name: `${given} ${family}`,
        // The running number keeps addresses unique without a lookup (two Sarah Smiths at DCJ).
        email: `${emailPart(given)}.${emailPart(family)}.${index + 1}@${agency.domain}`,
        phone: workPhone(rng, agency.area),
        jobTitle: rng.pick(titles),
        roles: ['practitioner'],
        createdAt: growing(rng, now - HISTORY, now - 3 * DAY),
        agency: agency.index,
        timeZone: timeZoneOf(agency),
        demo: null,
        profileAreas: [],
        leads: []
      });
    }
  }
  return out;
}

/** The demo accounts, appended after the generated practitioners. */
export function demoPractitioners(
  agencies: Agency[],
  first: number,
  rng: Rng,
  now: number
): Practitioner[] {
  return DEMO_ACCOUNT_DETAILS.map((account, n) => {
    const agency = account.findAgency(agencies);
    if (!agency) throw new Error(`No agency found for the demo account ${account.email}`);
    return {
      index: first + n,
      id: rng.uuid(),
      name: account.name,
      email: account.email,
      phone: workPhone(rng, agency.area),
      jobTitle: account.jobTitle,
      roles: account.roles,
      createdAt: now - account.joinedDaysAgo * DAY - 9 * 60 * 60 * 1000,
      agency: agency.index,
      timeZone: timeZoneOf(agency),
      demo: account.key,
      profileAreas: account.leads,
      leads: account.leads
    };
  });
}
