/**
 * Turns what someone typed into a safe Lucene query for Neo4j's full-text indexes.
 *
 * Pure (no server dependencies) so it is unit-tested on its own and usable anywhere. The input is
 * never passed through as Lucene syntax: it is folded, split into word terms, every term is escaped
 * and then each term becomes `(term^4 term*^2 term~N)` — exact, prefix-as-you-type and fuzzy for
 * typos. Lucene's keywords AND / OR / NOT only act in upper case, and terms are lower-cased, so a
 * name like "Ng" or a query "AND OR NOT" is just words.
 */

/** Characters the classic Lucene query parser treats as syntax. `&&` and `||` are covered by & and |. */
const SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Bounds that keep every query small whatever is pasted in (10,000 characters, a whole letter). */
export const LUCENE_LIMITS = {
  /** Characters of input looked at. */
  maxInput: 200,
  /** Terms used; Lucene also caps clauses at 1024, and three clauses per term stays far below. */
  maxTerms: 6,
  /** A term longer than this is cut (no real name part is this long). */
  maxTermLength: 40,
  /** Fewer letters than this overall and we ask for more instead of searching. */
  minQueryLength: 2
} as const;

/** Escapes every Lucene special character, and the keywords AND / OR / NOT when they stand alone. */
export function escapeLucene(term: string): string {
  const escaped = term.replace(SPECIAL, (ch) => `\\${ch}`);
  return /^(AND|OR|NOT)$/.test(escaped) ? `\\${escaped}` : escaped;
}

/**
 * Letters the `standard-folding` analyzer folds (ASCIIFoldingFilter) but Unicode decomposition
 * does not. Prefix and fuzzy terms are not analysed by Lucene's query parser, so we fold them the
 * same way ourselves or "Søren*" would never match the indexed "soren".
 */
const EXTRA_FOLDS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  ø: 'o',
  Ø: 'o',
  œ: 'oe',
  Œ: 'oe',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  þ: 'th',
  Þ: 'th',
  ı: 'i'
};

/**
 * The same folds as pairs, with the apostrophes searchTerms straightens: search-name-match.cypher
 * folds names with them, so a name and what was typed compare alike.
 */
export const FOLD_PAIRS: readonly [string, string][] = [
  ...Object.entries(EXTRA_FOLDS),
  ...[...'’‘`´'].map((ch): [string, string] => [ch, "'"])
];

/** Lower case without accents, as the analyzer indexes names (Zoë Müller -> zoe muller). */
export function foldText(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßẞæÆøØœŒłŁđĐðÐþÞı]/g, (ch) => EXTRA_FOLDS[ch] ?? ch)
    .toLowerCase();
}

/**
 * Word terms of the input: runs of letters and digits, keeping an apostrophe inside a word
 * ("O'Brien" stays one term, as the standard tokenizer keeps it). Everything else — Lucene syntax,
 * punctuation, emoji — separates words and is dropped.
 */
export function searchTerms(input: string): string[] {
  const folded = foldText(input.slice(0, LUCENE_LIMITS.maxInput)).replace(/[’‘`´]/g, "'");
  const words = folded.match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) ?? [];
  const unique: string[] = [];
  for (const word of words) {
    const term = word.slice(0, LUCENE_LIMITS.maxTermLength);
    if (!unique.includes(term)) unique.push(term);
    if (unique.length === LUCENE_LIMITS.maxTerms) break;
  }
  return unique;
}

/**
 * The words of a search as search-name-match.cypher compares them with names: the search terms
 * without apostrophes, so "OConnor" is the whole name O'Connor.
 */
export function matchTerms(input: string): string[] {
  return [...new Set(searchTerms(input).map((term) => term.replaceAll("'", '')))];
}

/** Typos allowed for a term of this length: none for short ones, where ~1 matches half the book. */
export function fuzzyDistance(term: string): 0 | 1 | 2 {
  const length = [...term].length;
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

/** One term as exact (boosted), prefix and fuzzy alternatives, already escaped. */
export function termClause(
  term: string,
  options: { prefix?: boolean; fuzzy?: boolean } = {}
): string {
  const { prefix = true, fuzzy = true } = options;
  const safe = escapeLucene(term);
  const parts = [`${safe}^4`];
  if (prefix) parts.push(`${safe}*^2`);
  const distance = fuzzy ? fuzzyDistance(term) : 0;
  if (distance > 0) parts.push(`${safe}~${distance}`);
  return `(${parts.join(' ')})`;
}

export interface LuceneQueryOptions {
  /** `all`: every term must match some field (names); `any`: at least one (agencies by kind). */
  match?: 'all' | 'any';
  prefix?: boolean;
  fuzzy?: boolean;
  /** Restrict every term to one indexed field, e.g. `familyName`. */
  field?: string;
}

/**
 * The Lucene query for `input`, or null when there is nothing to search for (empty, only
 * punctuation or emoji). The result only ever contains escaped terms and our own syntax.
 */
export function buildLuceneQuery(input: string, options: LuceneQueryOptions = {}): string | null {
  const terms = searchTerms(input);
  if (terms.length === 0) return null;
  const required = (options.match ?? 'all') === 'all' ? '+' : '';
  const field =
    options.field && /^[A-Za-z][A-Za-z0-9_]*$/.test(options.field) ? `${options.field}:` : '';
  return terms.map((term) => `${required}${field}${termClause(term, options)}`).join(' ');
}

/** Why a query cannot be searched, in words for the searcher; null when it can. */
export function queryProblem(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '') return 'Type a name, a date of birth, an agency or a job title.';
  const letters = searchTerms(trimmed).join('');
  if (letters.length === 0) {
    return 'Search with letters or numbers: names, dates of birth, agencies or job titles.';
  }
  if (letters.length < LUCENE_LIMITS.minQueryLength) return 'Type at least 2 letters.';
  return null;
}

/**
 * A required clause: `field` is one of `values` (each a quoted phrase, so a code the analyzer
 * splits, such as "E06000001" or "NSW-123", still matches as a whole). Null when there are no
 * values or the field name is not a plain identifier.
 */
export function requireAnyOf(field: string, values: readonly string[]): string | null {
  if (values.length === 0 || !/^[A-Za-z][A-Za-z0-9_]*$/.test(field)) return null;
  const phrases = values.map((v) => `"${v.replace(/["\\]/g, (ch) => `\\${ch}`)}"`);
  return `+${field}:(${phrases.join(' ')})`;
}
