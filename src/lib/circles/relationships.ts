/**
 * The relationships a circle link can carry (graph/README.md): each is stored once as
 * `(a)-[:IN_CIRCLE {kind, label, reciprocal}]->(b)` where `label` is what `a` is to `b` and
 * `reciprocal` what `b` is to `a`. Shared by the server (validation) and the circle form.
 *
 * The client record holds no gender (minimum data), so the practitioner picks both sides of a
 * parent/child link ("mother — they are her son") instead of the app guessing the reciprocal.
 */
export type CircleKind = 'FAMILY' | 'HOUSEHOLD' | 'SIGNIFICANT';

export interface RelationshipPair {
  /** What the person being added is to the client whose circle it is. */
  label: string;
  /** What the client is to the person being added. */
  reciprocal: string;
  kind: CircleKind;
}

const PARENTS = ['mother', 'father', 'parent'] as const;
const CHILDREN = ['son', 'daughter', 'child'] as const;

function pairsBothWays(label: string, reciprocal: string, kind: CircleKind): RelationshipPair[] {
  return label === reciprocal
    ? [{ label, reciprocal, kind }]
    : [
        { label, reciprocal, kind },
        { label: reciprocal, reciprocal: label, kind }
      ];
}

/** Every allowed (label, reciprocal) pair, in the order the form offers them. */
export const RELATIONSHIPS: readonly RelationshipPair[] = [
  ...PARENTS.flatMap((parent) =>
    CHILDREN.map((child) => ({ label: parent, reciprocal: child, kind: 'FAMILY' as const }))
  ),
  ...CHILDREN.flatMap((child) =>
    PARENTS.map((parent) => ({ label: child, reciprocal: parent, kind: 'FAMILY' as const }))
  ),
  ...pairsBothWays('sibling', 'sibling', 'FAMILY'),
  ...pairsBothWays('grandparent', 'grandchild', 'FAMILY'),
  ...pairsBothWays('aunt/uncle', 'niece/nephew', 'FAMILY'),
  ...pairsBothWays('partner', 'partner', 'FAMILY'),
  ...pairsBothWays('carer', 'cared-for', 'HOUSEHOLD'),
  ...pairsBothWays('household member', 'household member', 'HOUSEHOLD'),
  ...pairsBothWays('significant other', 'significant other', 'SIGNIFICANT')
];

/** The value a form posts for a pair: `label|reciprocal` (neither side contains a bar). */
export function pairValue(pair: Pick<RelationshipPair, 'label' | 'reciprocal'>): string {
  return `${pair.label}|${pair.reciprocal}`;
}

/** The allowed pair a form value names, or undefined for anything else. */
export function parsePair(value: string | null | undefined): RelationshipPair | undefined {
  if (!value) return undefined;
  return RELATIONSHIPS.find((pair) => pairValue(pair) === value);
}

/** The pair with the given label and reciprocal, if allowed. */
export function findPair(label: string, reciprocal: string): RelationshipPair | undefined {
  return RELATIONSHIPS.find((pair) => pair.label === label && pair.reciprocal === reciprocal);
}

const PRONOUN: Record<string, string> = { mother: 'her', father: 'his' };

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * How the form words a pair, from the point of view of the client whose circle it is (`name`):
 * "Mother (Hunter is her son)", "Sibling".
 */
export function describePair(
  pair: Pick<RelationshipPair, 'label' | 'reciprocal'>,
  name: string
): string {
  if (pair.label === pair.reciprocal) return capital(pair.label);
  const owner = PRONOUN[pair.label] ?? 'their';
  return `${capital(pair.label)} (${name} is ${owner} ${pair.reciprocal})`;
}

/** Option groups for the relationship select. */
export const RELATIONSHIP_GROUPS: readonly { name: string; pairs: readonly RelationshipPair[] }[] =
  [
    {
      name: 'Parent',
      pairs: RELATIONSHIPS.filter((p) => (PARENTS as readonly string[]).includes(p.label))
    },
    {
      name: 'Child',
      pairs: RELATIONSHIPS.filter((p) => (CHILDREN as readonly string[]).includes(p.label))
    },
    {
      name: 'Other family',
      pairs: RELATIONSHIPS.filter(
        (p) =>
          p.kind === 'FAMILY' &&
          ![...PARENTS, ...CHILDREN].includes(p.label as (typeof PARENTS)[number])
      )
    },
    { name: 'Household', pairs: RELATIONSHIPS.filter((p) => p.kind === 'HOUSEHOLD') },
    { name: 'Significant others', pairs: RELATIONSHIPS.filter((p) => p.kind === 'SIGNIFICANT') }
  ];
