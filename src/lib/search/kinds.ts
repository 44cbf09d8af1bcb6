/**
 * Agency kinds (graph/README.md) in words: labels for cards, and the everyday words a searcher types
 * for them ("police", "GP", "dv"), so "police albury" finds police services without a police-named
 * agency. Pure: shared by the browser and the server.
 */
import { foldText, searchTerms } from './lucene.ts';

export const AGENCY_KINDS = {
  CHILD_PROTECTION: 'Child protection',
  POLICE: 'Police',
  SCHOOL: 'School',
  GP: 'GP',
  HEALTH: 'Health',
  MENTAL_HEALTH: 'Mental health',
  HOUSING: 'Housing',
  YOUTH_JUSTICE: 'Youth justice',
  JOB_CENTRE: 'Job centre',
  EARLY_HELP: 'Early help',
  DOMESTIC_VIOLENCE: 'Domestic violence',
  DRUG_ALCOHOL: 'Drug and alcohol',
  SEXUAL_HEALTH: 'Sexual health'
} as const;

export type AgencyKind = keyof typeof AGENCY_KINDS;

export function agencyKindLabel(kind: string | null | undefined): string {
  if (!kind) return '';
  return (AGENCY_KINDS as Record<string, string>)[kind] ?? kind.replaceAll('_', ' ').toLowerCase();
}

/** Single words (folded, lower case) that name a kind. */
const KIND_WORDS: Record<string, AgencyKind[]> = {
  police: ['POLICE'],
  school: ['SCHOOL'],
  schools: ['SCHOOL'],
  college: ['SCHOOL'],
  gp: ['GP'],
  gps: ['GP'],
  doctor: ['GP'],
  doctors: ['GP'],
  surgery: ['GP'],
  health: ['HEALTH', 'MENTAL_HEALTH', 'SEXUAL_HEALTH'],
  hospital: ['HEALTH'],
  nurse: ['HEALTH'],
  camhs: ['MENTAL_HEALTH'],
  housing: ['HOUSING'],
  homeless: ['HOUSING'],
  homelessness: ['HOUSING'],
  yot: ['YOUTH_JUSTICE'],
  dv: ['DOMESTIC_VIOLENCE'],
  refuge: ['DOMESTIC_VIOLENCE'],
  drug: ['DRUG_ALCOHOL'],
  drugs: ['DRUG_ALCOHOL'],
  alcohol: ['DRUG_ALCOHOL'],
  aod: ['DRUG_ALCOHOL'],
  'child protection': ['CHILD_PROTECTION'],
  'social services': ['CHILD_PROTECTION'],
  'children services': ['CHILD_PROTECTION'],
  'mental health': ['MENTAL_HEALTH'],
  'youth justice': ['YOUTH_JUSTICE'],
  'job centre': ['JOB_CENTRE'],
  jobcentre: ['JOB_CENTRE'],
  'early help': ['EARLY_HELP'],
  'domestic violence': ['DOMESTIC_VIOLENCE'],
  'family violence': ['DOMESTIC_VIOLENCE'],
  'sexual health': ['SEXUAL_HEALTH']
};

/**
 * The agency kinds a search names, each with the words that named it: single words and two-word
 * phrases, most specific first ("mental health" is MENTAL_HEALTH, not every kind of health).
 */
export function kindTermsInQuery(input: string): Partial<Record<AgencyKind, string[]>> {
  const words = searchTerms(foldText(input));
  const found: Partial<Record<AgencyKind, string[]>> = {};
  const add = (kinds: AgencyKind[] | undefined, terms: string[]) => {
    for (const kind of kinds ?? []) found[kind] = [...new Set([...(found[kind] ?? []), ...terms])];
  };
  const used = new Set<number>();
  for (let i = 0; i + 1 < words.length; i++) {
    const pair = [words[i] ?? '', words[i + 1] ?? ''];
    const phrase = KIND_WORDS[pair.join(' ')];
    if (phrase) {
      add(phrase, pair);
      used.add(i).add(i + 1);
    }
  }
  words.forEach((word, i) => {
    if (!used.has(i)) add(KIND_WORDS[word], [word]);
  });
  return found;
}

/** The agency kinds a search names. */
export function kindsInQuery(input: string): AgencyKind[] {
  return Object.keys(kindTermsInQuery(input)) as AgencyKind[];
}
