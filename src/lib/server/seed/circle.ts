/**
 * Circle relationship labels. IN_CIRCLE is stored once: `label` is what the start node is to the
 * end node and `reciprocal` what the end node is to the start node (graph/README.md).
 */
import type { Sex } from './names.ts';

export type CircleKind = 'FAMILY' | 'HOUSEHOLD' | 'SIGNIFICANT';

/** Every label with the labels its reciprocal may be. */
export const RECIPROCALS: Record<string, readonly string[]> = {
  mother: ['son', 'daughter', 'child'],
  father: ['son', 'daughter', 'child'],
  parent: ['son', 'daughter', 'child'],
  son: ['mother', 'father', 'parent'],
  daughter: ['mother', 'father', 'parent'],
  child: ['mother', 'father', 'parent'],
  sibling: ['sibling'],
  grandparent: ['grandchild'],
  grandchild: ['grandparent'],
  partner: ['partner'],
  carer: ['cared-for'],
  'cared-for': ['carer'],
  'household member': ['household member'],
  'significant other': ['significant other'],
  aunt: ['niece', 'nephew'],
  uncle: ['niece', 'nephew'],
  niece: ['aunt', 'uncle'],
  nephew: ['aunt', 'uncle']
};

export function isReciprocalPair(label: string, reciprocal: string): boolean {
  return RECIPROCALS[label]?.includes(reciprocal) ?? false;
}

export interface CircleLink {
  /** Indexes into the household's people. */
  from: number;
  to: number;
  kind: CircleKind;
  label: string;
  reciprocal: string;
}

export function parentLabel(sex: Sex): string {
  return sex === 'F' ? 'mother' : 'father';
}

export function childLabel(sex: Sex): string {
  return sex === 'F' ? 'daughter' : 'son';
}

export function auntLabel(sex: Sex): string {
  return sex === 'F' ? 'aunt' : 'uncle';
}

export function nieceLabel(sex: Sex): string {
  return sex === 'F' ? 'niece' : 'nephew';
}
