/** Agency kinds (graph/README.md) with the words practitioners use for them. */
export const AGENCY_KINDS = {
  CHILD_PROTECTION: 'Child protection',
  POLICE: 'Police',
  SCHOOL: 'School',
  GP: 'GP practice',
  HEALTH: 'Health service',
  MENTAL_HEALTH: 'Mental health',
  HOUSING: 'Housing',
  YOUTH_JUSTICE: 'Youth justice',
  JOB_CENTRE: 'Employment service',
  EARLY_HELP: 'Early help / family support',
  DOMESTIC_VIOLENCE: 'Domestic and family violence',
  DRUG_ALCOHOL: 'Drug and alcohol',
  SEXUAL_HEALTH: 'Sexual health'
} as const;

export type AgencyKind = keyof typeof AGENCY_KINDS;

/** Members from these services may join a team as restricted members (DESIGN.md rule 3). */
export const SENSITIVE_KINDS: AgencyKind[] = ['DOMESTIC_VIOLENCE', 'DRUG_ALCOHOL', 'SEXUAL_HEALTH'];

export function isAgencyKind(value: string): value is AgencyKind {
  return Object.hasOwn(AGENCY_KINDS, value);
}

export const agencyKindOptions = () =>
  Object.entries(AGENCY_KINDS).map(([value, label]) => ({ value, label }));
