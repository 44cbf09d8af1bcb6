/**
 * The sensitive-agency verification emails (account alerts): each kind says what happened and
 * where to act, escapes what practitioners typed, and carries nothing about any client.
 */
import { describe, expect, it } from 'vitest';
import type { AccountAlertModel } from '../../src/lib/server/alerts/account-alerts.ts';
import {
  ACCOUNT_ALERT_KINDS,
  isAccountAlertKind,
  isAlertKind
} from '../../src/lib/server/alerts/kinds.ts';
import { renderAgencyVerificationEmail } from '../../workers/mail/templates/agency-verification.ts';

const model = (kind: AccountAlertModel['kind']): AccountAlertModel => ({
  kind,
  recipientEmail: 'vera@example.test',
  claimantName: 'Mal <script>alert(1)</script> Lory',
  agencyName: 'Safe Haven DV & Refuge',
  url:
    kind === 'agency.verification.requested'
      ? 'https://teamaround.example/admin/agency-verifications'
      : 'https://teamaround.example/profile'
});

describe('agency verification emails', () => {
  it('are account alerts, not team alerts (no preference, no client)', () => {
    for (const kind of ACCOUNT_ALERT_KINDS) {
      expect(isAccountAlertKind(kind)).toBe(true);
      expect(isAlertKind(kind)).toBe(false);
    }
  });

  it('ask the deciders to review, with the link to the waiting list', () => {
    const email = renderAgencyVerificationEmail(model('agency.verification.requested'));
    expect(email.subject).toBe('Verify a new member of Safe Haven DV & Refuge');
    expect(email.text).toContain('https://teamaround.example/admin/agency-verifications');
    expect(email.html).toContain('Mal &lt;script&gt;');
    expect(email.html).not.toContain('<script>');
  });

  it('tell the practitioner the outcome, with the link to their profile', () => {
    const approved = renderAgencyVerificationEmail(model('agency.verification.approved'));
    expect(approved.subject).toBe('You are verified as a member of Safe Haven DV & Refuge');
    expect(approved.text).toContain('restricted member');
    const refused = renderAgencyVerificationEmail(model('agency.verification.refused'));
    expect(refused.subject).toBe('Your membership of Safe Haven DV & Refuge was not verified');
    expect(refused.text).toContain('https://teamaround.example/profile');
    for (const email of [approved, refused]) expect(email.text).not.toContain('/clients/');
  });
});
