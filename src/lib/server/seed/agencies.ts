/**
 * Agencies: every kind in every NSW district (district services, offices in hub councils, and
 * schools, GPs and council services in every council), and a full set of local services in each
 * council area outside NSW where clients live, so that every client's team can be local.
 */
import { type AreaCatalogue, type AreaRecord, NSW, placeName } from './areas.ts';
import { landline } from './contact.ts';
import { type AgencyKind, isSensitive } from './kinds.ts';
import type { Rng } from './random.ts';
import { type Residence, residencePlace } from './residence.ts';
import { slug } from './text.ts';

export interface Agency {
  index: number;
  id: string;
  name: string;
  kind: AgencyKind;
  phone: string;
  email: string;
  dutyPhone: string | null;
  sensitive: boolean;
  /** Area codes it SERVES: its district and, for local services, its council. */
  serves: string[];
  /** Council it sits in, when it is a local service. */
  home: string | null;
  /** Domain of its staff e-mail addresses. */
  domain: string;
  /** Area used for phone numbers and time zones of its staff. */
  area: AreaRecord;
  /** Ages it works with (schools), inclusive. */
  ages: [number, number] | null;
}

type Draft = Omit<Agency, 'index' | 'id' | 'phone' | 'email' | 'dutyPhone' | 'sensitive'>;

const PRIMARY: [number, number] = [5, 12];
const SECONDARY: [number, number] = [12, 18];
const ALL_SCHOOL: [number, number] = [5, 18];

const NSW_SCHOOLS: [string, [number, number]][] = [
  ['{P} Public School', PRIMARY],
  ['{P} High School', SECONDARY],
  ['{P} North Public School', PRIMARY],
  ["St Joseph's Catholic Primary School, {P}", PRIMARY],
  ['{P} Christian College', ALL_SCHOOL],
  ['{P} South Public School', PRIMARY],
  ['{P} Technology High School', SECONDARY],
  ['{P} West Public School', PRIMARY],
  ["St Mary's Catholic College, {P}", SECONDARY],
  ['{P} East Public School', PRIMARY],
  ['{P} Heights Public School', PRIMARY],
  ['{P} Anglican College', ALL_SCHOOL],
  ['{P} Park Public School', PRIMARY],
  ['{P} Creek Public School', PRIMARY]
];

const GP_NAMES = [
  '{P} Family Medical Centre',
  '{P} Medical Practice',
  '{P} Village Surgery',
  '{P} Community Health GP Clinic',
  '{P} Road Medical Centre',
  '{P} Doctors'
];

const OTHER_STATE_ORGS: Record<
  string,
  { cp: string; police: string; housing: string; domain: string; secondary: string }
> = {
  'AU-VIC': {
    cp: 'DFFH Child Protection {P}',
    police: 'Victoria Police {P}',
    housing: 'Homes Victoria {P}',
    domain: 'vic',
    secondary: '{P} Secondary College'
  },
  'AU-QLD': {
    cp: 'Child Safety Service Centre {P}',
    police: 'Queensland Police Service {P}',
    housing: 'Housing Service Centre {P}',
    domain: 'qld',
    secondary: '{P} State High School'
  },
  'AU-SA': {
    cp: 'Department for Child Protection {P} Office',
    police: 'SA Police {P}',
    housing: 'Housing SA {P}',
    domain: 'sa',
    secondary: '{P} High School'
  },
  'AU-WA': {
    cp: 'Department of Communities {P} District',
    police: 'WA Police {P}',
    housing: 'Housing Authority {P}',
    domain: 'wa',
    secondary: '{P} Senior High School'
  },
  'AU-TAS': {
    cp: 'Child Safety Service {P}',
    police: 'Tasmania Police {P}',
    housing: 'Homes Tasmania {P}',
    domain: 'tas',
    secondary: '{P} College'
  },
  'AU-NT': {
    cp: 'Territory Families {P}',
    police: 'NT Police {P}',
    housing: 'Territory Housing {P}',
    domain: 'nt',
    secondary: '{P} Middle School'
  },
  'AU-ACT': {
    cp: 'Child and Youth Protection Services {P}',
    police: 'ACT Policing {P}',
    housing: 'Housing ACT {P}',
    domain: 'act',
    secondary: '{P} College'
  }
};

function fill(template: string, place: string): string {
  return template.replace('{P}', place);
}

export interface AgencyScale {
  schoolsPerCouncil: number;
  gpsPerCouncil: number;
}

/** Bigger seeds get more schools and practices per council so agencies stay believable in size. */
export function agencyScale(clients: number): AgencyScale {
  return {
    schoolsPerCouncil: Math.min(NSW_SCHOOLS.length, 2 + Math.floor(clients / 50_000)),
    gpsPerCouncil: Math.min(GP_NAMES.length, 1 + Math.floor(clients / 150_000))
  };
}

/** Offices in about one council in three, spread over the district's councils. */
function hubs(councils: AreaRecord[]): AreaRecord[] {
  const count = Math.max(1, Math.ceil(councils.length / 3));
  const out: AreaRecord[] = [];
  for (let i = 0; i < count; i++) {
    const council = councils[Math.floor((i * councils.length) / count)];
    if (council) out.push(council);
  }
  return out;
}

function nswDrafts(district: AreaRecord, councils: AreaRecord[], scale: AgencyScale): Draft[] {
  const drafts: Draft[] = [];
  const d = district.name;
  const districtWide = (kind: AgencyKind, name: string, domain: string): Draft => ({
    kind,
    name,
    domain,
    serves: [district.code],
    home: null,
    area: councils[0] ?? district,
    ages: null
  });
  const local = (
    kind: AgencyKind,
    name: string,
    domain: string,
    council: AreaRecord,
    extra: string[] = [],
    ages: [number, number] | null = null
  ): Draft => ({
    kind,
    name,
    domain,
    serves: [...extra, council.code],
    home: council.code,
    area: council,
    ages
  });

  drafts.push(districtWide('HEALTH', `${d} Child and Family Health Service`, 'health.nsw.example'));
  drafts.push(
    districtWide(
      'MENTAL_HEALTH',
      `${d} Child and Youth Mental Health Service`,
      'health.nsw.example'
    )
  );
  drafts.push(districtWide('POLICE', `${d} Police District`, 'police.nsw.example'));
  drafts.push(
    districtWide(
      'DOMESTIC_VIOLENCE',
      `${d} Women's Domestic Violence Court Advocacy Service`,
      'wdvcas.nsw.example'
    )
  );
  drafts.push(districtWide('DRUG_ALCOHOL', `${d} Drug and Alcohol Service`, 'health.nsw.example'));
  drafts.push(districtWide('SEXUAL_HEALTH', `${d} Sexual Health Service`, 'health.nsw.example'));

  for (const hub of hubs(councils)) {
    const h = placeName(hub);
    const withDistrict = [district.code];
    drafts.push(
      local(
        'CHILD_PROTECTION',
        `DCJ ${h} Community Services Centre`,
        'dcj.nsw.example',
        hub,
        withDistrict
      )
    );
    drafts.push(
      local('POLICE', `${h} Police Area Command`, 'police.nsw.example', hub, withDistrict)
    );
    drafts.push(local('HOUSING', `Homes NSW ${h}`, 'homes.nsw.example', hub, withDistrict));
    drafts.push(
      local(
        'YOUTH_JUSTICE',
        `Youth Justice ${h} Community Office`,
        'dcj.nsw.example',
        hub,
        withDistrict
      )
    );
    drafts.push(
      local(
        'JOB_CENTRE',
        `Services Australia ${h} Service Centre`,
        'servicesaustralia.example',
        hub,
        withDistrict
      )
    );
    drafts.push(local('MENTAL_HEALTH', `headspace ${h}`, 'headspace.example', hub, withDistrict));
    drafts.push(
      local(
        'EARLY_HELP',
        `${h} Family Referral Service`,
        'familyreferral.nsw.example',
        hub,
        withDistrict
      )
    );
  }

  for (const council of councils) {
    const p = placeName(council);
    drafts.push(
      local(
        'EARLY_HELP',
        `${p} Council Community Services`,
        `${slug(p)}-council.nsw.example`,
        council
      )
    );
    for (const [template, ages] of NSW_SCHOOLS.slice(0, scale.schoolsPerCouncil)) {
      drafts.push(local('SCHOOL', fill(template, p), 'det.nsw.example', council, [], ages));
    }
    for (const template of GP_NAMES.slice(0, scale.gpsPerCouncil)) {
      const name = fill(template, p);
      drafts.push(local('GP', name, `${slug(name)}.example`, council));
    }
  }
  return drafts;
}

function otherAuDrafts(council: AreaRecord, place: string): Draft[] {
  const org = OTHER_STATE_ORGS[council.state];
  if (!org) throw new Error(`No agency names for ${council.state}`);
  const s = org.domain;
  const mk = (
    kind: AgencyKind,
    name: string,
    domain: string,
    ages: [number, number] | null = null
  ): Draft => ({
    kind,
    name,
    domain,
    serves: [council.code],
    home: council.code,
    area: council,
    ages
  });
  return [
    mk('CHILD_PROTECTION', fill(org.cp, place), `childprotection.${s}.example`),
    mk('POLICE', fill(org.police, place), `police.${s}.example`),
    mk('SCHOOL', `${place} Primary School`, `education.${s}.example`, PRIMARY),
    mk('SCHOOL', fill(org.secondary, place), `education.${s}.example`, SECONDARY),
    mk('GP', `${place} Family Medical Centre`, `${slug(place)}-family-medical.example`),
    mk('HEALTH', `${place} Child and Family Health Service`, `health.${s}.example`),
    mk('MENTAL_HEALTH', `headspace ${place}`, 'headspace.example'),
    mk('HOUSING', fill(org.housing, place), `housing.${s}.example`),
    mk('YOUTH_JUSTICE', `Youth Justice ${place}`, `youthjustice.${s}.example`),
    mk('JOB_CENTRE', `Services Australia ${place} Service Centre`, 'servicesaustralia.example'),
    mk('EARLY_HELP', `${place} Family Support Service`, `${slug(place)}-family-support.example`),
    mk('DOMESTIC_VIOLENCE', `${place} Family Violence Service`, `${slug(place)}-fvs.example`),
    mk('DRUG_ALCOHOL', `${place} Alcohol and Drug Service`, `health.${s}.example`),
    mk('SEXUAL_HEALTH', `${place} Sexual Health Clinic`, `health.${s}.example`)
  ];
}

function ukDrafts(council: AreaRecord, place: string): Draft[] {
  const councilDomain = `${slug(place)}.gov.example`;
  const mk = (
    kind: AgencyKind,
    name: string,
    domain: string,
    ages: [number, number] | null = null
  ): Draft => ({
    kind,
    name,
    domain,
    serves: [council.code],
    home: council.code,
    area: council,
    ages
  });
  return [
    mk('CHILD_PROTECTION', `${place} Children's Social Care`, councilDomain),
    mk('POLICE', `${place} Police Safeguarding Hub`, 'police.uk.example'),
    mk('SCHOOL', `${place} Primary Academy`, `${slug(place)}-primary.sch.example`, PRIMARY),
    mk('SCHOOL', `${place} Academy`, `${slug(place)}-academy.sch.example`, SECONDARY),
    mk('GP', `${place} Health Centre`, 'nhs.example'),
    mk('HEALTH', `${place} Health Visiting Service`, 'nhs.example'),
    mk('MENTAL_HEALTH', `${place} CAMHS`, 'nhs.example'),
    mk('HOUSING', `${place} Housing Options`, councilDomain),
    mk('YOUTH_JUSTICE', `${place} Youth Justice Service`, councilDomain),
    mk('JOB_CENTRE', `${place} Jobcentre Plus`, 'dwp.example'),
    mk('EARLY_HELP', `${place} Family Hub`, councilDomain),
    mk(
      'DOMESTIC_VIOLENCE',
      `${place} Domestic Abuse Service`,
      `${slug(place)}-domestic-abuse.example`
    ),
    mk('DRUG_ALCOHOL', `${place} Drug and Alcohol Service`, `${slug(place)}-recovery.example`),
    mk('SEXUAL_HEALTH', `${place} Sexual Health Clinic`, 'nhs.example')
  ];
}

/** All agencies, in a fixed order; ids, phones and e-mails are drawn from `rng`. */
export function generateAgencies(
  catalogue: AreaCatalogue,
  places: Residence[],
  scale: AgencyScale,
  rng: Rng
): Agency[] {
  const drafts: Draft[] = [];
  const nswDistricts = catalogue.areas.filter((a) => a.level === 'DISTRICT' && a.state === NSW);
  for (const district of nswDistricts) {
    const councils = places.filter((r) => r.region === district.code).map((r) => r.council);
    drafts.push(...nswDrafts(district, councils, scale));
  }
  for (const r of places) {
    if (r.council.state === NSW) continue;
    const place = residencePlace(r.council, placeName(r.council));
    drafts.push(
      ...(r.council.country === 'UK' ? ukDrafts(r.council, place) : otherAuDrafts(r.council, place))
    );
  }
  return drafts.map((draft, index) => {
    const sensitive = isSensitive(draft.kind);
    return {
      ...draft,
      index,
      id: rng.uuid(),
      phone: landline(rng, draft.area),
      email: `${draft.domain.startsWith(slug(draft.name)) ? 'reception' : slug(draft.name).slice(0, 60)}@${draft.domain}`,
      dutyPhone: sensitive ? landline(rng, draft.area) : null,
      sensitive
    };
  });
}
