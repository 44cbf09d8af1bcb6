/** The admins' alert email: who and where to look, never a client or a search (rule 6). */
import { describe, expect, it } from 'vitest';
import { isAdminAlertKind, isAlertKind } from '../../src/lib/server/alerts/kinds.ts';
import { renderAdminAlertEmail } from '../../workers/mail/templates/admin-alert.ts';

describe('the look-up limit alert', () => {
  const email = renderAdminAlertEmail(
    {
      kind: 'lookups.limit.reached',
      practitioner: 'Eve Attacker (Riverside Family Services)',
      limit: 300,
      reportUrl: 'https://teamaround.example/admin/access?user=p-1'
    },
    'https://teamaround.example/settings/notifications'
  );

  it('names the practitioner and links to their access report', () => {
    expect(email.subject).toBe(
      'Eve Attacker (Riverside Family Services) reached the hourly limit of client look-ups'
    );
    expect(email.text).toContain('looked up 300 clients in the last hour');
    expect(email.text).toContain('https://teamaround.example/admin/access?user=p-1');
    expect(email.html).toContain('href="https://teamaround.example/admin/access?user=p-1"');
  });

  it('is an admin alert, not a team alert anyone could switch off', () => {
    expect(isAdminAlertKind('lookups.limit.reached')).toBe(true);
    expect(isAlertKind('lookups.limit.reached')).toBe(false);
    expect(email.text).not.toMatch(/unsubscribe/i);
  });
});
