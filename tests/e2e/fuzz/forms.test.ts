/**
 * Fuzz, forms: generated malformed input to every form a signed-in practitioner can post (and
 * the search page's query string). Each answer is a clear refusal or a sensible page, never a 5xx
 * or the server's insides, and nothing is stored. Cases: `cases.ts` (FORM_CASES).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closeTestDriver } from '../../support/db.ts';
import { get, postForm } from '../../support/http.ts';
import { FORM_CASES, fill } from './cases.ts';
import { fuzzFixture, storedCounts, type FuzzFixture } from './fuzz-fixture.ts';
import { expectClear } from './fuzz-kit.ts';

const baseUrl = inject('baseUrl');

describe('fuzzing the forms', () => {
  let fx: FuzzFixture;

  beforeAll(async () => {
    fx = await fuzzFixture(baseUrl);
  });

  afterAll(async () => {
    await fx?.remove();
    await closeTestDriver();
  });

  for (const [name, cases] of Object.entries(FORM_CASES)) {
    it(`${name}: ${cases.length} malformed inputs, each refused clearly, nothing stored`, async () => {
      const before = await storedCounts();
      let sent = 0;
      for (const c of cases) {
        const path = fill(c.path, fx.place);
        const fields = fill(c.fields, fx.place);
        const result =
          c.method === 'GET'
            ? await get(baseUrl, path, fx.cookie)
            : await postForm(baseUrl, path, fields, fx.cookie);
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
