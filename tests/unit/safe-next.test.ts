/**
 * The single safe-redirect rule (issue 15, findings 1 and 2): whatever a visitor puts in `next`,
 * the answer is a path on this origin that a browser cannot read as another site and that Node
 * can send as a Location header.
 */
import { describe, expect, it } from 'vitest';
import { safeNext } from '../../src/lib/server/auth/safe-next.ts';

/** What a browser makes of a Location header on our origin: it must stay on our origin. */
function browserOrigin(location: string): string {
  return new URL(location, 'https://teamaround.example').origin;
}

const HOSTILE: string[] = [
  '/\t/127.0.0.1:3999/x',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r/evil.example',
  '/\r\n/evil.example',
  '/\u0000/evil.example',
  '/\u000b/evil.example',
  '/\u000c/evil.example',
  '/\u001f/evil.example',
  '/\u007f/evil.example',
  '\t//evil.example',
  '\n/evil.example',
  ' //evil.example',
  '//evil.example',
  '///evil.example',
  '//evil.example/%2F..',
  '/\\evil.example',
  '/\\/evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/x\\..\\..\\/evil.example',
  '/..//evil.example',
  '/.//evil.example',
  '/%2e%2e//evil.example',
  '/%2E//evil.example',
  '/x/../..//evil.example',
  '/./..//evil.example',
  'https://evil.example',
  'http://evil.example/',
  'HTTPS://evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'evil.example',
  'evil.example/path',
  '',
  '/ok\u0000',
  '/ok\nSet-Cookie: x=1',
  '/ok\r\nLocation: https://evil.example',
  `/${'a'.repeat(2001)}`
];

describe('safeNext', () => {
  it('holds a table of at least 30 hostile inputs', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
  });

  it.each(HOSTILE.map((input) => [JSON.stringify(input), input]))(
    'refuses %s and falls back to /',
    (_label, input) => {
      expect(safeNext(input)).toBe('/');
    }
  );

  it.each([null, undefined, 42, {}, ['/clients']])('refuses a non-string (%j)', (input) => {
    expect(safeNext(input)).toBe('/');
  });

  it.each([
    ['/', '/'],
    ['/clients', '/clients'],
    ['/clients/abc?tab=circle#notes', '/clients/abc?tab=circle#notes'],
    ['/search?q=Jane%20Citizen', '/search?q=Jane%20Citizen'],
    ['/a/../clients', '/clients'],
    ['/caf\u00e9', '/caf%C3%A9'],
    ['/x?next=//evil.example', '/x?next=//evil.example']
  ])('keeps the same-origin path %s (as %s)', (input, expected) => {
    expect(safeNext(input)).toBe(expected);
  });

  it('always answers a same-origin path with no control character, fuzzed', () => {
    const pieces = [
      '/',
      '//',
      '\\',
      '\t',
      '\n',
      '\r',
      '\u0000',
      '\u000b',
      '..',
      '.',
      '%2e',
      '%2f',
      '%5c',
      'evil.example',
      ':',
      '@',
      '?',
      '#',
      ' ',
      '\u2028',
      'é',
      'http:'
    ];
    let seed = 15;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 2000; i++) {
      let input = random() < 0.8 ? '/' : '';
      const n = 1 + Math.floor(random() * 6);
      for (let j = 0; j < n; j++) input += pieces[Math.floor(random() * pieces.length)];
      const out = safeNext(input);
      // eslint-disable-next-line no-control-regex
      expect(out, JSON.stringify(input)).not.toMatch(/[\u0000-\u001f\u007f\\]|^\/\/|^[^/]/);
      expect(browserOrigin(out), JSON.stringify(input)).toBe('https://teamaround.example');
      // Node accepts it as a header value (ERR_INVALID_CHAR otherwise).
      expect(() => new Headers({ location: out }), JSON.stringify(input)).not.toThrow();
    }
  });
});
