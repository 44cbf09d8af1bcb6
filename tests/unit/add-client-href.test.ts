import { describe, expect, it } from 'vitest';
import { addClientHref } from '../../src/lib/search/add-client-href.ts';

describe('addClientHref', () => {
  it('prefills given name, family name and a typed date of birth', () => {
    const url = new URL(addClientHref('Alana Maria Citizen 4/3/2015'), 'http://x');
    expect(url.pathname).toBe('/clients/new');
    expect(url.searchParams.get('givenName')).toBe('Alana');
    expect(url.searchParams.get('familyName')).toBe('Maria Citizen');
    expect(url.searchParams.get('dob')).toMatch(/2015/);
  });

  it('leaves out what was not typed', () => {
    expect(addClientHref('')).toBe('/clients/new?');
    expect(addClientHref('Jo')).toBe('/clients/new?givenName=Jo');
  });
});
