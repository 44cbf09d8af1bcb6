/** Who may read an email of the development outbox (issue 15, finding 4). */
import { describe, expect, it } from 'vitest';
import { mayReadOutboxEmail } from '../../src/lib/server/dev/outbox-access.ts';

const practitioner = { email: 'Pat.Smith@council.example', roles: ['practitioner'] };
const admin = { email: 'admin@teamaround.example', roles: ['practitioner', 'admin'] };

describe('mayReadOutboxEmail', () => {
  it.each([
    'pat.smith@council.example',
    'PAT.SMITH@COUNCIL.EXAMPLE',
    ' pat.smith@council.example ',
    'Pat Smith <pat.smith@council.example>'
  ])('lets a practitioner read an email to their own address (%s)', (to) => {
    expect(mayReadOutboxEmail(practitioner, { to })).toBe(true);
  });

  it.each([
    'victim@council.example',
    'pat.smith@council.example.evil',
    'xpat.smith@council.example',
    'Pat Smith <victim@council.example>',
    'pat.smith@council.example <victim@council.example>',
    ''
  ])('refuses a practitioner an email to someone else (%s)', (to) => {
    expect(mayReadOutboxEmail(practitioner, { to })).toBe(false);
  });

  it('refuses a reader without an email address anything', () => {
    expect(mayReadOutboxEmail({ email: '', roles: ['practitioner'] }, { to: '' })).toBe(false);
  });

  it('lets an admin read every email', () => {
    expect(mayReadOutboxEmail(admin, { to: 'victim@council.example' })).toBe(true);
  });
});
