/**
 * Fuzz, forms: generated malformed input to every form a signed-in practitioner can post (and
 * the search page's query string). Each answer is a clear refusal or a sensible page, never a 5xx
 * or the server's insides, and nothing is stored. Cases: `cases.ts` (FORM_CASES).
 */
import { describe, expect, inject, it } from 'vitest';
import { get, postForm } from '../../support/http.ts';
import { FORM_CASES, fill } from './cases.ts';
import { storedCounts, useFuzzFixture } from './fuzz-fixture.ts';
import { expectClear } from './fuzz-kit.ts';

const baseUrl = inject('baseUrl');

describe('fuzzing the forms', () => {
  const fixture = useFuzzFixture(baseUrl);

  for (const [name, cases] of Object.entries(FORM_CASES)) {
    it(`${name}: ${cases.length} malformed inputs, each refused clearly, nothing stored`, async () => {
      const before = await storedCounts();
      let sent = 0;
      for (const c of cases) {
        const path = fill(c.path, fixture().place);
        const fields = fill(c.fields, fixture().place);
        const result =
          c.method === 'GET'
            ? await get(baseUrl, path, fixture().cookie)
            : await postForm(baseUrl, path, fields, fixture().cookie);
        const what = `${c.what} ${JSON.stringify(fields).slice(0, 120)}`;
        expectClear(result, what);
        if (c.status !== undefined) expect(result.status, what).toBe(c.status);
        sent++;
      }
      expect(sent).toBe(cases.length);
      expect(await storedCounts()).toEqual(before);
    });
  }
});
