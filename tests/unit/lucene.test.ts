import { describe, expect, it } from 'vitest';
import {
  LUCENE_LIMITS,
  FOLD_PAIRS,
  buildLuceneQuery,
  escapeLucene,
  foldText,
  fuzzyDistance,
  matchTerms,
  queryProblem,
  requireAnyOf,
  searchTerms
} from '../../src/lib/search/lucene.ts';
import { kindTermsInQuery, kindsInQuery } from '../../src/lib/search/kinds.ts';
import { countInScope, parseScope, searchHref } from '../../src/lib/search/scope.ts';

/** Every character the classic Lucene query parser gives a meaning to. */
const SPECIALS = [
  '+',
  '-',
  '&',
  '|',
  '!',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '^',
  '"',
  '~',
  '*',
  '?',
  ':',
  '\\',
  '/'
];

/** Our own syntax in a built query: required groups, boosts, prefix stars and fuzzy tildes. */
function stripOwnSyntax(query: string): string {
  return query
    .replace(/\\./g, '') // escaped characters are literal
    .replace(/\^\d+/g, '')
    .replace(/~\d/g, '')
    .replace(/\*/g, '')
    .replace(/[+()]/g, '')
    .replace(/\b[a-zA-Z]+:/g, '');
}

describe('escapeLucene', () => {
  it('escapes every special character', () => {
    for (const ch of SPECIALS) {
      expect(escapeLucene(`a${ch}b`)).toBe(`a\\${ch}b`);
    }
    expect(escapeLucene('a&&b||c')).toBe('a\\&\\&b\\|\\|c');
  });

  it('escapes the keywords AND, OR and NOT when they stand alone', () => {
    expect(escapeLucene('AND')).toBe('\\AND');
    expect(escapeLucene('OR')).toBe('\\OR');
    expect(escapeLucene('NOT')).toBe('\\NOT');
    expect(escapeLucene('ANDERSON')).toBe('ANDERSON');
  });
});

describe('foldText', () => {
  it('lower-cases and removes accents as the standard-folding analyzer does', () => {
    expect(foldText('Zoë Müller')).toBe('zoe muller');
    expect(foldText('JOSÉ Ñúñez')).toBe('jose nunez');
    expect(foldText('Søren Łukasz Straße Æsir')).toBe('soren lukasz strasse aesir');
  });
});

describe('searchTerms', () => {
  it('splits on anything but letters and digits, keeping apostrophes inside names', () => {
    expect(searchTerms("  O'Brien,  Mary-Jane ")).toEqual(["o'brien", 'mary', 'jane']);
    expect(searchTerms('O’Brien')).toEqual(["o'brien"]);
  });

  it('drops Lucene syntax, punctuation and emoji', () => {
    expect(searchTerms('"(~*:^[')).toEqual([]);
    expect(searchTerms('👩‍👧 🎉')).toEqual([]);
    expect(searchTerms('smith 🎉')).toEqual(['smith']);
  });

  it('is bounded: few terms of limited length from a limited prefix of the input', () => {
    const terms = searchTerms('word '.repeat(2000) + 'a'.repeat(10_000));
    expect(terms).toEqual(['word']);
    const many = searchTerms('one two three four five six seven eight nine');
    expect(many).toHaveLength(LUCENE_LIMITS.maxTerms);
    expect(searchTerms('x'.repeat(100))[0]).toHaveLength(LUCENE_LIMITS.maxTermLength);
  });

  it('removes repeated terms', () => {
    expect(searchTerms('smith Smith SMITH')).toEqual(['smith']);
  });
});

describe('fuzzyDistance', () => {
  it('allows more typos in longer terms', () => {
    expect(fuzzyDistance('al')).toBe(0);
    expect(fuzzyDistance('amy')).toBe(0);
    expect(fuzzyDistance('jonh')).toBe(1);
    expect(fuzzyDistance('smiht')).toBe(1);
    expect(fuzzyDistance('mueller')).toBe(2);
  });
});

describe('buildLuceneQuery', () => {
  it('requires every term, each as exact, prefix and (by length) fuzzy', () => {
    expect(buildLuceneQuery('Jonh Smiht')).toBe(
      '+(jonh^4 jonh*^2 jonh~1) +(smiht^4 smiht*^2 smiht~1)'
    );
    expect(buildLuceneQuery('al')).toBe('+(al^4 al*^2)');
    expect(buildLuceneQuery('Alexandra')).toBe('+(alexandra^4 alexandra*^2 alexandra~2)');
  });

  it('can match any term, restrict to a field, and leave out prefix or fuzzy', () => {
    expect(buildLuceneQuery('police school', { match: 'any' })).toBe(
      '(police^4 police*^2 police~1) (school^4 school*^2 school~1)'
    );
    expect(buildLuceneQuery('Smith', { field: 'familyName', prefix: false, fuzzy: false })).toBe(
      '+familyName:(smith^4)'
    );
    // A field name is ours, never the user's; anything odd is ignored rather than passed on.
    expect(buildLuceneQuery('Smith', { field: 'x) OR (y', fuzzy: false })).toBe(
      '+(smith^4 smith*^2)'
    );
  });

  it('folds accents so an accented query matches what the analyzer indexed', () => {
    expect(buildLuceneQuery('Zoë')).toBe('+(zoe^4 zoe*^2)');
  });

  it('returns null when nothing searchable is left', () => {
    expect(buildLuceneQuery('')).toBeNull();
    expect(buildLuceneQuery('   ')).toBeNull();
    expect(buildLuceneQuery('"(~*:^[')).toBeNull();
    expect(buildLuceneQuery('🎉🎉')).toBeNull();
  });

  it('never lets user input act as Lucene syntax', () => {
    const nasty = [
      'AND OR NOT',
      'a AND b',
      'name:john',
      'john~10',
      'smi*',
      '"quoted phrase"',
      'a && b || !c',
      '(x) {y} [z TO w]',
      'back\\slash / slash',
      'x^100',
      "o'brien? -minus +plus"
    ];
    for (const input of nasty) {
      const query = buildLuceneQuery(input);
      expect(query, input).not.toBeNull();
      const rest = stripOwnSyntax(query ?? '');
      // What is left after removing our own syntax is words and spaces only.
      expect(rest, input).toMatch(/^[\p{L}\p{N}' ]*$/u);
      expect(query, input).not.toMatch(/\b(AND|OR|NOT)\b/);
    }
  });
});

describe('queryProblem', () => {
  it('explains empty, one-letter and letterless input', () => {
    expect(queryProblem('')).toMatch(/Type a name/);
    expect(queryProblem('j')).toMatch(/at least 2/);
    expect(queryProblem('🎉')).toMatch(/letters or numbers/);
    expect(queryProblem('"(~*:^[')).toMatch(/letters or numbers/);
    expect(queryProblem('jo')).toBeNull();
    expect(queryProblem('x'.repeat(10_000))).toBeNull();
  });
});

// The pure helpers that shape a search beside the Lucene query.
describe('kindsInQuery', () => {
  it('maps everyday words and phrases to agency kinds', () => {
    expect(kindsInQuery('police albury')).toEqual(['POLICE']);
    expect(kindsInQuery('Domestic Violence service')).toEqual(['DOMESTIC_VIOLENCE']);
    expect(kindsInQuery('GP')).toEqual(['GP']);
    expect(kindsInQuery('john smith')).toEqual([]);
  });
});

describe('scopes', () => {
  it('parses unknown scopes as everywhere and counts what each scope shows', () => {
    expect(parseScope('district')).toBe('district');
    expect(parseScope('<script>')).toBe('all');
    expect(parseScope(null)).toBe('all');
    const counts = { mine: 1, district: 2, state: 3, rest: 4 };
    expect(countInScope(counts, 'mine')).toBe(1);
    expect(countInScope(counts, 'state')).toBe(6);
    expect(countInScope(counts, 'all')).toBe(10);
  });

  it('writes bookmarkable search addresses', () => {
    expect(searchHref('john smith')).toBe('/search?q=john+smith');
    expect(searchHref('a&b', 'mine', ['10050', 'NSW-D-x'])).toBe(
      '/search?q=a%26b&scope=mine&area=10050&area=NSW-D-x'
    );
  });
});

describe('requireAnyOf', () => {
  it('requires one of the values as whole phrases, escaped', () => {
    expect(requireAnyOf('councilCode', ['12380', 'E06000001'])).toBe(
      '+councilCode:("12380" "E06000001")'
    );
    expect(requireAnyOf('councilCode', ['a"b\\c'])).toBe('+councilCode:("a\\"b\\\\c")');
  });

  it('gives nothing for no values or an odd field name', () => {
    expect(requireAnyOf('councilCode', [])).toBeNull();
    expect(requireAnyOf('council code)', ['1'])).toBeNull();
  });
});

describe('words for search-name-match.cypher', () => {
  it('compares the words as typed, folded, without apostrophes', () => {
    expect(matchTerms("Eoin O'Connor")).toEqual(['eoin', 'oconnor']);
    expect(matchTerms('Eoin OConnor O’Connor')).toEqual(['eoin', 'oconnor']);
    expect(matchTerms('Małgorzata Kamiński')).toEqual(['malgorzata', 'kaminski']);
  });

  it('folds names the same way in the database', () => {
    expect(Object.fromEntries(FOLD_PAIRS)).toMatchObject({ ł: 'l', ø: 'o', ß: 'ss', '’': "'" });
  });

  it('says which words named each agency kind', () => {
    expect(kindTermsInQuery('police albury')).toEqual({ POLICE: ['police'] });
    expect(kindTermsInQuery('Mental Health Parramatta')).toEqual({
      MENTAL_HEALTH: ['mental', 'health']
    });
    expect(kindTermsInQuery('Blacktown Council Community Services')).toEqual({});
  });
});
