/**
 * "Is this them?": clients who are probably the person about to be added. Two rules, each a query in
 * cypher/queries/duplicates-*.cypher:
 *   1. the same date of birth and a similar name (full-text, fuzzy, accent-blind);
 *   2. the same given and family name in the same council area (any date of birth).
 * Candidates show only what search shows (names, date of birth, council area, membership).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Driver, ManagedTransaction, QueryResult, RecordShape } from 'neo4j-driver';
import { buildLuceneQuery } from '../../search/lucene.ts';
import { database, getDriver } from '../db/neo4j.ts';

function loadQuery(name: string): string {
  return readFileSync(path.resolve(process.cwd(), 'cypher/queries', name), 'utf8');
}

const BY_DOB = loadQuery('duplicates-by-dob.cypher');
const BY_NAME_COUNCIL = loadQuery('duplicates-by-name-council.cypher');

/** Full-text hits looked at per rule, and candidates shown. */
export const DUPLICATE_LIMITS = { candidates: 1000, shown: 5 } as const;

export type DuplicateReason = 'SAME_DOB_SIMILAR_NAME' | 'SAME_NAME_SAME_COUNCIL';

export interface DuplicateCandidate {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  dob: string | null;
  councilCode: string | null;
  councilName: string | null;
  viewerIsMember: boolean;
  reasons: DuplicateReason[];
}

export interface DuplicateQuery {
  viewerId: string;
  givenName: string;
  familyName: string;
  /** ISO date. */
  dob: string;
  councilCode: string;
}

type Runner = (query: string, params: Record<string, unknown>) => Promise<QueryResult<RecordShape>>;

async function find(run: Runner, input: DuplicateQuery): Promise<DuplicateCandidate[]> {
  const found = new Map<string, DuplicateCandidate & { score: number }>();
  const add = (result: QueryResult<RecordShape>, reason: DuplicateReason) => {
    for (const record of result.records) {
      const row = record.toObject() as Omit<DuplicateCandidate, 'reasons'> & { score: number };
      const existing = found.get(row.id);
      if (existing) {
        existing.reasons.push(reason);
        existing.score += row.score;
      } else {
        found.set(row.id, { ...row, reasons: [reason] });
      }
    }
  };
  const common = {
    viewerId: input.viewerId,
    candidates: DUPLICATE_LIMITS.candidates,
    limit: DUPLICATE_LIMITS.shown
  };
  // Either name may be the one that was misspelt, so any word matching is enough with the same dob.
  const similar = buildLuceneQuery(`${input.givenName} ${input.familyName}`, {
    match: 'any',
    prefix: false
  });
  if (similar)
    add(await run(BY_DOB, { ...common, lucene: similar, dob: input.dob }), 'SAME_DOB_SIMILAR_NAME');

  const given = buildLuceneQuery(input.givenName, {
    field: 'givenName',
    prefix: false,
    fuzzy: false
  });
  const family = buildLuceneQuery(input.familyName, {
    field: 'familyName',
    prefix: false,
    fuzzy: false
  });
  if (given && family) {
    add(
      await run(BY_NAME_COUNCIL, {
        ...common,
        lucene: `${given} ${family}`,
        councilCode: input.councilCode
      }),
      'SAME_NAME_SAME_COUNCIL'
    );
  }
  return [...found.values()]
    .sort((a, b) => b.reasons.length - a.reasons.length || b.score - a.score)
    .slice(0, DUPLICATE_LIMITS.shown)
    .map(({ score: _score, ...candidate }) => candidate);
}

/** Inside a command's transaction (addClient checks again right before creating). */
export function findDuplicatesInTx(
  tx: ManagedTransaction,
  input: DuplicateQuery
): Promise<DuplicateCandidate[]> {
  return find((query, params) => tx.run(query, params), input);
}

export function findLikelyDuplicates(
  input: DuplicateQuery,
  driver: Driver = getDriver(),
  db: string = database()
): Promise<DuplicateCandidate[]> {
  return find(
    (query, params) => driver.executeQuery(query, params, { database: db, routing: 'READ' }),
    input
  );
}
