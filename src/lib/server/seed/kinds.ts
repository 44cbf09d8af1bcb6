/**
 * Agency kinds (graph/README.md), which of them are sensitive services, the job titles and the
 * membership reasons that fit each, and how likely each kind is on a client's team at each age.
 */
import type { Country } from './areas.ts';

export const AGENCY_KINDS = [
  'CHILD_PROTECTION',
  'POLICE',
  'SCHOOL',
  'GP',
  'HEALTH',
  'MENTAL_HEALTH',
  'HOUSING',
  'YOUTH_JUSTICE',
  'JOB_CENTRE',
  'EARLY_HELP',
  'DOMESTIC_VIOLENCE',
  'DRUG_ALCOHOL',
  'SEXUAL_HEALTH'
] as const;

export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** DESIGN.md rule 3: their practitioners may join as restricted members. */
export const SENSITIVE_KINDS: ReadonlySet<AgencyKind> = new Set([
  'DOMESTIC_VIOLENCE',
  'DRUG_ALCOHOL',
  'SEXUAL_HEALTH'
]);

export function isSensitive(kind: AgencyKind): boolean {
  return SENSITIVE_KINDS.has(kind);
}

const AU_TITLES: Record<AgencyKind, string[]> = {
  CHILD_PROTECTION: [
    'Caseworker',
    'Caseworker',
    'Caseworker',
    'Senior Caseworker',
    'Casework Specialist',
    'Manager Casework'
  ],
  POLICE: [
    'Senior Constable',
    'Constable',
    'Youth Liaison Officer',
    'Domestic Violence Liaison Officer',
    'Detective Senior Constable',
    'Sergeant'
  ],
  SCHOOL: [
    'Assistant Principal, Wellbeing',
    'School Counsellor',
    'Head Teacher Wellbeing',
    'Learning and Support Teacher',
    'Classroom Teacher',
    'Aboriginal Education Officer',
    'Student Support Officer'
  ],
  GP: ['General Practitioner', 'General Practitioner', 'Practice Nurse', 'GP Registrar'],
  HEALTH: [
    'Child and Family Health Nurse',
    'Community Paediatrician',
    'Social Worker',
    'Midwife',
    'Speech Pathologist',
    'Aboriginal Health Worker'
  ],
  MENTAL_HEALTH: [
    'Mental Health Clinician',
    'Clinical Psychologist',
    'Youth Access Clinician',
    'Psychiatry Registrar',
    'Occupational Therapist'
  ],
  HOUSING: [
    'Client Service Officer',
    'Housing Client Service Officer',
    'Tenancy Support Worker',
    'Specialist Homelessness Caseworker'
  ],
  YOUTH_JUSTICE: [
    'Youth Justice Officer',
    'Youth Justice Caseworker',
    'Youth Justice Conference Convenor',
    'Senior Youth Justice Officer'
  ],
  JOB_CENTRE: [
    'Service Officer',
    'Social Worker',
    'Employment Consultant',
    'Community Engagement Officer'
  ],
  EARLY_HELP: [
    'Family Support Worker',
    'Family Connector',
    'Intake Worker',
    'Community Worker',
    'Team Leader, Family Support'
  ],
  DOMESTIC_VIOLENCE: [
    'Specialist Domestic Violence Worker',
    "Women's Advocate",
    'Safety Action Meeting Coordinator',
    'Children and Young People Worker'
  ],
  DRUG_ALCOHOL: [
    'Drug and Alcohol Clinician',
    'AOD Counsellor',
    'Nurse Practitioner',
    'Peer Support Worker'
  ],
  SEXUAL_HEALTH: ['Sexual Health Nurse', 'Sexual Health Counsellor', 'Sexual Health Physician']
};

const UK_TITLES: Partial<Record<AgencyKind, string[]>> = {
  CHILD_PROTECTION: [
    "Children's Social Worker",
    "Children's Social Worker",
    'Senior Social Worker',
    'Advanced Practitioner',
    'Team Manager'
  ],
  POLICE: ['Police Constable', 'Detective Constable', 'Safeguarding Officer', 'Police Sergeant'],
  SCHOOL: [
    'Designated Safeguarding Lead',
    'SENCo',
    'Head of Year',
    'Pastoral Manager',
    'Class Teacher'
  ],
  GP: ['GP', 'GP', 'Practice Nurse', 'GP Registrar'],
  HEALTH: ['Health Visitor', 'School Nurse', 'Community Paediatrician', 'Midwife'],
  MENTAL_HEALTH: ['CAMHS Practitioner', 'Clinical Psychologist', 'Mental Health Nurse'],
  HOUSING: ['Housing Options Officer', 'Tenancy Sustainment Officer'],
  YOUTH_JUSTICE: ['Youth Justice Officer', 'Youth Justice Case Manager'],
  JOB_CENTRE: ['Work Coach', 'Work Coach', 'Disability Employment Adviser'],
  EARLY_HELP: ['Early Help Practitioner', 'Family Support Worker', 'Family Hub Coordinator'],
  DOMESTIC_VIOLENCE: ['IDVA', 'Domestic Abuse Practitioner', 'Children and Young People Worker'],
  DRUG_ALCOHOL: ['Recovery Worker', 'Substance Misuse Practitioner'],
  SEXUAL_HEALTH: ['Sexual Health Adviser', 'Sexual Health Nurse']
};

export function jobTitles(kind: AgencyKind, country: Country): string[] {
  return (country === 'UK' ? UK_TITLES[kind] : undefined) ?? AU_TITLES[kind];
}

/** Why someone joined a team: short, non-clinical, never a case note. */
export const REASONS: Record<AgencyKind, string[]> = {
  CHILD_PROTECTION: [
    'Allocated caseworker',
    'Child protection assessment',
    'Allocated after a report to the helpline',
    'Case plan review'
  ],
  POLICE: [
    'Youth liaison',
    'Domestic violence follow-up',
    'Missing person follow-up',
    'Joint investigation'
  ],
  SCHOOL: [
    'School wellbeing referral',
    'Learning and support team',
    'Attendance concerns',
    'Transition support'
  ],
  GP: ['Family GP', 'Regular GP', 'GP care plan'],
  HEALTH: [
    'Child and family health nursing',
    'Paediatric follow-up',
    'Antenatal care',
    'Hospital discharge follow-up'
  ],
  MENTAL_HEALTH: ['Mental health referral', 'Counselling', 'headspace intake', 'Care coordination'],
  HOUSING: ['Housing application', 'Tenancy support', 'Temporary accommodation'],
  YOUTH_JUSTICE: ['Youth justice supervision', 'Youth justice conference', 'Bail support'],
  JOB_CENTRE: ['Income support', 'Parenting payment review', 'Employment services'],
  EARLY_HELP: [
    'Family support',
    'Family referral',
    'Parenting program',
    'Targeted early intervention'
  ],
  DOMESTIC_VIOLENCE: [
    'Safety planning',
    'Court advocacy support',
    'Safety action meeting referral'
  ],
  DRUG_ALCOHOL: ['Drug and alcohol counselling', 'Opioid treatment program', 'Withdrawal support'],
  SEXUAL_HEALTH: ['Sexual health follow-up', 'Sexual health counselling']
};

export type AgeBand = 'infant' | 'child' | 'teen' | 'adult' | 'older';

export function ageBand(age: number): AgeBand {
  if (age < 5) return 'infant';
  if (age < 12) return 'child';
  if (age < 18) return 'teen';
  if (age < 65) return 'adult';
  return 'older';
}

/** Relative likelihood of each kind on a team, by the client's age. Missing = never. */
export const TEAM_WEIGHTS: Record<AgeBand, Partial<Record<AgencyKind, number>>> = {
  infant: {
    HEALTH: 5,
    CHILD_PROTECTION: 5,
    GP: 4,
    EARLY_HELP: 4,
    MENTAL_HEALTH: 0.5,
    HOUSING: 1,
    DOMESTIC_VIOLENCE: 1,
    POLICE: 0.7
  },
  child: {
    SCHOOL: 6,
    CHILD_PROTECTION: 5,
    GP: 3,
    EARLY_HELP: 3,
    MENTAL_HEALTH: 2,
    HEALTH: 2,
    POLICE: 1,
    DOMESTIC_VIOLENCE: 1
  },
  teen: {
    SCHOOL: 5,
    CHILD_PROTECTION: 4,
    YOUTH_JUSTICE: 3,
    MENTAL_HEALTH: 3,
    POLICE: 2,
    GP: 2,
    DRUG_ALCOHOL: 1.5,
    EARLY_HELP: 1.5,
    SEXUAL_HEALTH: 1,
    HOUSING: 0.5
  },
  adult: {
    HOUSING: 3,
    JOB_CENTRE: 3,
    GP: 3,
    MENTAL_HEALTH: 2.5,
    DRUG_ALCOHOL: 2,
    DOMESTIC_VIOLENCE: 2,
    POLICE: 2,
    CHILD_PROTECTION: 2,
    EARLY_HELP: 2,
    HEALTH: 1.5,
    SEXUAL_HEALTH: 0.5
  },
  older: { GP: 5, HEALTH: 4, HOUSING: 2, MENTAL_HEALTH: 1.5, EARLY_HELP: 0.5, POLICE: 0.5 }
};

/** Rough share of each age band among clients, to size agencies before clients exist. */
const BAND_SHARE: Record<AgeBand, number> = {
  infant: 0.14,
  child: 0.28,
  teen: 0.17,
  adult: 0.37,
  older: 0.04
};

/** Expected share of all memberships that go to each kind. */
export function kindShares(): Record<AgencyKind, number> {
  const shares = Object.fromEntries(AGENCY_KINDS.map((k) => [k, 0])) as Record<AgencyKind, number>;
  for (const [band, share] of Object.entries(BAND_SHARE) as [AgeBand, number][]) {
    const weights = TEAM_WEIGHTS[band];
    const total = Object.values(weights).reduce((a, b) => a + (b ?? 0), 0);
    for (const [kind, w] of Object.entries(weights) as [AgencyKind, number][])
      shares[kind] += (share * w) / total;
  }
  return shares;
}

/**
 * How often siblings and parents share the practitioner of a kind: one caseworker usually works
 * with the whole family, a school counsellor with the siblings at that school.
 */
export const FAMILY_SHARING: Record<AgencyKind, number> = {
  CHILD_PROTECTION: 0.9,
  EARLY_HELP: 0.85,
  HOUSING: 0.9,
  DOMESTIC_VIOLENCE: 0.85,
  HEALTH: 0.6,
  GP: 0.7,
  SCHOOL: 0.55,
  POLICE: 0.5,
  MENTAL_HEALTH: 0.3,
  YOUTH_JUSTICE: 0.4,
  JOB_CENTRE: 0.7,
  DRUG_ALCOHOL: 0.3,
  SEXUAL_HEALTH: 0.2
};

/** Which member is most likely to be the lead professional, most likely first. */
export const LEAD_PREFERENCE: AgencyKind[] = [
  'CHILD_PROTECTION',
  'YOUTH_JUSTICE',
  'EARLY_HELP',
  'HEALTH',
  'SCHOOL',
  'MENTAL_HEALTH',
  'HOUSING',
  'GP',
  'JOB_CENTRE',
  'POLICE'
];
