/**
 * The demo accounts (demo data only) and the families they work with. The practitioner's
 * families are generated like any other, in Western Sydney, then the accounts are put on the
 * teams described here, so each account shows one part of the product when signed in.
 */
import type { Agency } from './agencies.ts';
import { nswDistrictCode } from './areas.ts';
import type { FamilyOptions } from './families.ts';

export type DemoKey = 'admin' | 'lead' | 'practitioner' | 'restricted' | 'newcomer';

export interface DemoAccount {
  key: DemoKey;
  email: string;
  description: string;
  name: string;
  jobTitle: string;
  roles: string[];
  /** Days since the account was created. */
  joinedDaysAgo: number;
  findAgency: (agencies: Agency[]) => Agency | undefined;
  /** Areas the account LEADS (role lead). */
  leads: string[];
}

export const WESTERN_SYDNEY = nswDistrictCode('Western Sydney');
const BLACKTOWN = '10750';
const CUMBERLAND = '12380';
const PARRAMATTA = '16260';
const THE_HILLS = '17420';

const at = (kind: Agency['kind'], test: (a: Agency) => boolean) => (agencies: Agency[]) =>
  agencies.find((a) => a.kind === kind && test(a));

export const DEMO_ACCOUNT_DETAILS: DemoAccount[] = [
  {
    key: 'admin',
    email: 'admin@teamaround.example',
    description: 'administrator: agencies, invitations, access reports',
    name: 'Alex Morgan',
    jobTitle: 'Teamaround Administrator',
    roles: ['practitioner', 'admin'],
    joinedDaysAgo: 1100,
    findAgency: at(
      'EARLY_HELP',
      (a) => a.home === BLACKTOWN && a.name.endsWith('Council Community Services')
    ),
    leads: []
  },
  {
    key: 'lead',
    email: 'lead@teamaround.example',
    description: 'local lead for the Western Sydney district (NSW)',
    name: 'Priya Raman',
    jobTitle: 'Manager Client Services, Local Lead',
    roles: ['practitioner', 'lead'],
    joinedDaysAgo: 1080,
    findAgency: at('CHILD_PROTECTION', (a) => a.home === PARRAMATTA),
    leads: [WESTERN_SYDNEY]
  },
  {
    key: 'practitioner',
    email: 'practitioner@teamaround.example',
    description: 'child protection caseworker on 8 teams, several of them one family',
    name: 'Chris Walker',
    jobTitle: 'Caseworker',
    roles: ['practitioner'],
    joinedDaysAgo: 1000,
    findAgency: at('CHILD_PROTECTION', (a) => a.home === BLACKTOWN),
    leads: []
  },
  {
    key: 'restricted',
    email: 'restricted@teamaround.example',
    description: 'domestic violence service worker (restricted member of 2 teams)',
    name: 'Dana Haddad',
    jobTitle: 'Specialist Domestic Violence Worker',
    roles: ['practitioner'],
    joinedDaysAgo: 600,
    findAgency: at('DOMESTIC_VIOLENCE', (a) => a.serves.includes(WESTERN_SYDNEY)),
    leads: []
  },
  {
    key: 'newcomer',
    email: 'newcomer@teamaround.example',
    description: 'new practitioner with no clients yet',
    name: 'Tom Fraser',
    jobTitle: 'Assistant Principal, Wellbeing',
    roles: ['practitioner'],
    joinedDaysAgo: 1,
    findAgency: at('SCHOOL', (a) => a.home === PARRAMATTA),
    leads: []
  }
];

/** For the README and the start banner. */
export const DEMO_ACCOUNTS: { email: string; description: string }[] = DEMO_ACCOUNT_DETAILS.map(
  ({ email, description }) => ({ email, description })
);

export interface ForcedMember {
  /** Index into the family's people (parents first, then children, then a grandparent). */
  person: number;
  account: DemoKey;
  restricted?: boolean;
  lead?: boolean;
  /** Last confirmed more than six months ago, so the "please confirm" nudge shows. */
  stale?: boolean;
}

export interface DemoFamily {
  council: string;
  options: FamilyOptions;
  forced: ForcedMember[];
  /** Addresses withheld for safety by this account (on the clients it is a member of). */
  withheldBy?: DemoKey;
  /** Person with an urgent, unresolved attention the practitioner has not acknowledged. */
  urgentFor?: number;
}

/**
 * practitioner@ is on 8 teams: four in one family (mother and three children, not the father, so
 * joining from the circle can be shown), two in a second family and one each in two more.
 * restricted@ is a restricted member of two of those teams.
 */
export const DEMO_FAMILIES: DemoFamily[] = [
  {
    council: BLACKTOWN,
    options: { shape: 'two-parent', children: 3, grandparent: false },
    forced: [
      { person: 0, account: 'practitioner', lead: true },
      { person: 2, account: 'practitioner', lead: true },
      { person: 3, account: 'practitioner', lead: true },
      { person: 4, account: 'practitioner' },
      { person: 0, account: 'restricted', restricted: true },
      { person: 2, account: 'restricted', restricted: true }
    ],
    withheldBy: 'practitioner',
    urgentFor: 2
  },
  {
    council: CUMBERLAND,
    options: { shape: 'single-mother', children: 2, grandparent: true },
    forced: [
      { person: 1, account: 'practitioner', lead: true },
      { person: 2, account: 'practitioner', stale: true }
    ]
  },
  {
    council: PARRAMATTA,
    options: { shape: 'single-father', children: 2, grandparent: false },
    forced: [{ person: 1, account: 'practitioner' }]
  },
  {
    council: THE_HILLS,
    options: { shape: 'two-parent', children: 2, grandparent: false },
    forced: [{ person: 2, account: 'practitioner', lead: true }]
  }
];
