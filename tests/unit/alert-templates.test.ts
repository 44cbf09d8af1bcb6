/**
 * The pure parts of the alerts pipeline: templates (phone-readable, escaped, nothing rule 3 or 6
 * forbids), unsubscribe tokens, preferences, who is told, and when a digest is due.
 */
import { describe, expect, it } from 'vitest';
import {
  clientLabel,
  RESTRICTED_SERVICE,
  type AlertEmailModel
} from '../../src/lib/server/alerts/alert-model.ts';
import { ALERT_KINDS, type AlertKind } from '../../src/lib/server/alerts/kinds.ts';
import { digestDue, localDateTime } from '../../src/lib/server/alerts/local-time.ts';
import {
  defaultPreferences,
  parsePreferences,
  serializePreferences,
  validTimeZone
} from '../../src/lib/server/alerts/preferences.ts';
import { decideRecipients, type CandidateMember } from '../../src/lib/server/alerts/recipients.ts';
import {
  signUnsubscribeToken,
  unsubscribeUrl,
  verifyUnsubscribeToken
} from '../../src/lib/server/alerts/unsubscribe-token.ts';
import { cleanMessage } from '../../src/lib/server/attentions/attention-input.ts';
import { renderDigestEmail } from '../../workers/mail/templates/alert-digest.ts';
import { alertSummary, renderAlertEmail } from '../../workers/mail/templates/alert-email.ts';

const links = {
  settingsUrl: 'https://app.example/settings/notifications',
  unsubscribeUrl: 'https://app.example/unsubscribe/abc.def'
};

function model(kind: AlertKind, overrides: Partial<AlertEmailModel> = {}): AlertEmailModel {
  return {
    kind,
    clientLabel: 'Alex B.',
    clientUrl: 'https://app.example/clients/c-1',
    actor: 'Sam Taylor (Riverside Police)',
    priority: 'NORMAL',
    subject: 'Jo Lead (Northside School)',
    recipientIsSubject: false,
    ...overrides
  };
}

describe('alert emails', () => {
  it.each(ALERT_KINDS)(
    '%s: subject, HTML and text carry the client label and link, and the unsubscribe link',
    (kind) => {
      const email = renderAlertEmail(model(kind), links);
      expect(email.subject).toContain('Alex B.');
      expect(email.subject.length).toBeLessThan(90);
      for (const body of [email.html, email.text]) {
        expect(body).toContain('Alex B.');
        expect(body).toContain('https://app.example/clients/c-1');
        expect(body).toContain(links.unsubscribeUrl);
        expect(body).toContain(links.settingsUrl);
      }
      // Phone-readable: a viewport, one narrow column, no external stylesheet or script.
      expect(email.html).toContain('name="viewport"');
      expect(email.html).toContain('max-width:560px');
      expect(email.html).not.toMatch(/<script|<link /i);
    }
  );

  it('names a restricted actor only as "a restricted service"', () => {
    const email = renderAlertEmail(model('team.joined', { actor: RESTRICTED_SERVICE }), links);
    expect(email.subject).toBe('A restricted service joined the team around Alex B.');
    expect(email.text).toContain('A restricted service is now working with Alex B. too.');
  });

  it('team.joined carries the reason given on joining, in quotes, escaped in HTML', () => {
    const email = renderAlertEmail(
      model('team.joined', { reason: 'School <wellbeing> lead for the sibling' }),
      links
    );
    expect(email.text).toContain(
      'Their reason for joining: “School <wellbeing> lead for the sibling”'
    );
    expect(email.html).toContain('School &lt;wellbeing&gt; lead');
    expect(renderAlertEmail(model('team.joined'), links).text).not.toContain('reason');
  });

  it('team.contact.requested gives the asker’s name, agency and phone, also in a digest', () => {
    const contact = {
      name: 'Sam Taylor',
      agency: 'Riverside Police',
      phone: '0455 123 987',
      email: 'sam@police.example'
    };
    const m = model('team.contact.requested', { contact });
    const email = renderAlertEmail(m, links);
    expect(email.subject).toBe(
      'Sam Taylor (Riverside Police) asks you to contact them about Alex B. (0455 123 987)'
    );
    for (const line of [
      'Name: Sam Taylor',
      'Agency: Riverside Police',
      'Phone: 0455 123 987',
      'Email: sam@police.example',
      'Reply only if you choose to'
    ]) {
      expect(email.text).toContain(line);
    }
    const digest = renderDigestEmail([m], { ...links, appUrl: 'https://app.example' });
    expect(digest.text).toContain('0455 123 987');
  });

  it('team.contact.requested reaches the restricted members only', () => {
    const prefs = defaultPreferences();
    const members: CandidateMember[] = [
      { id: 'asker', active: true, hasEmail: true, lead: false, prefs },
      { id: 'plain', active: true, hasEmail: true, lead: true, prefs },
      { id: 'r1', active: true, hasEmail: true, lead: false, restricted: true, prefs },
      { id: 'r2', active: true, hasEmail: true, lead: false, restricted: true, prefs }
    ];
    const told = decideRecipients(
      { type: 'team.contact.requested', actorId: 'asker', subjectId: null },
      members
    );
    expect(told.map((r) => r.recipientId)).toEqual(['r1', 'r2']);
  });

  it('marks urgent attentions in the subject and never includes a message', () => {
    const email = renderAlertEmail(model('attention.raised', { priority: 'URGENT' }), links);
    expect(email.subject).toBe('URGENT: Urgent attention raised about Alex B.');
    expect(email.text).toContain('Sign in to read it');
  });

  it('asks the member of a stale membership, and tells the lead about them', () => {
    expect(alertSummary(model('membership.stale', { recipientIsSubject: true }))).toBe(
      'Are you still working with Alex B.?'
    );
    const toLead = renderAlertEmail(model('membership.stale', { actor: null }), links);
    expect(toLead.text).toContain('Jo Lead (Northside School) has not confirmed');
  });

  it('escapes whatever it is given', () => {
    const email = renderAlertEmail(
      model('team.left', { actor: '<img src=x onerror=alert(1)>', clientLabel: 'Zoë "Z" O.' }),
      links
    );
    expect(email.html).not.toContain('<img src=x');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.html).toContain('Zoë &quot;Z&quot; O.');
  });

  it('a digest groups the day’s alerts by client in one email', () => {
    const other = { clientLabel: 'Kim D.', clientUrl: 'https://app.example/clients/c-2' };
    const email = renderDigestEmail(
      [model('team.joined'), model('attention.raised'), model('circle.changed', other)],
      { appUrl: 'https://app.example/attentions', ...links }
    );
    expect(email.subject).toBe('Teamaround: 3 updates in 2 teams');
    expect(email.text).toContain('Alex B. — https://app.example/clients/c-1');
    expect(email.text).toContain('- The family and household circle of Kim D. changed');
    expect(email.html.match(/<h2/g)).toHaveLength(2);
  });
});

describe('client label', () => {
  it('is the first name and family initial only', () => {
    expect(clientLabel('Alex', 'Brightwater')).toBe('Alex B.');
    expect(clientLabel('Zoë', 'ōkawa')).toBe('Zoë Ō.');
    expect(clientLabel('Alex', '')).toBe('Alex');
    expect(clientLabel(null, null)).toBe('Client');
  });
});

describe('unsubscribe tokens', () => {
  const secret = 'a-test-secret-that-is-long-enough-123';

  it('round-trip the user and kind, dots included', () => {
    const token = signUnsubscribeToken(secret, 'user-1', 'attention.acknowledged.all');
    expect(verifyUnsubscribeToken(secret, token)).toEqual({
      userId: 'user-1',
      kind: 'attention.acknowledged.all'
    });
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(unsubscribeUrl('https://app.example', secret, 'user-1', 'digest')).toMatch(
      /^https:\/\/app\.example\/unsubscribe\/[\w-]+\.[\w-]+$/
    );
  });

  it('cannot be forged or altered', () => {
    const token = signUnsubscribeToken(secret, 'user-1', 'team.joined');
    const [, signature] = token.split('.');
    const otherPayload = Buffer.from('user-2.team.joined').toString('base64url');
    expect(verifyUnsubscribeToken(secret, `${otherPayload}.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken('another-secret', token)).toBeNull();
    expect(verifyUnsubscribeToken(secret, `${token}x`)).toBeNull();
    expect(verifyUnsubscribeToken(secret, 'garbage')).toBeNull();
    const badKind = signUnsubscribeToken(secret, 'user-1', 'team.joined').replace(
      /^[^.]+/,
      Buffer.from('user-1.not.a.kind').toString('base64url')
    );
    expect(verifyUnsubscribeToken(secret, badKind)).toBeNull();
  });
});

describe('preferences', () => {
  it('default to IMMEDIATE and ignore anything unknown or damaged', () => {
    expect(parsePreferences(null)).toEqual(defaultPreferences());
    expect(parsePreferences('not json')).toEqual(defaultPreferences());
    const prefs = parsePreferences(
      '{"team.joined":"DIGEST","circle.changed":"OFF","bogus":"OFF","team.left":"LOUD"}'
    );
    expect(prefs['team.joined']).toBe('DIGEST');
    expect(prefs['circle.changed']).toBe('OFF');
    expect(prefs['team.left']).toBe('IMMEDIATE');
  });

  it('store only what differs from the default', () => {
    expect(serializePreferences({ ...defaultPreferences(), 'team.left': 'OFF' })).toBe(
      '{"team.left":"OFF"}'
    );
  });

  it('keep only time zones Intl knows', () => {
    expect(validTimeZone('Europe/London')).toBe('Europe/London');
    expect(validTimeZone('Mars/Olympus')).toBe('Australia/Sydney');
  });
});

describe('who is told', () => {
  const member = (id: string, extra: Partial<CandidateMember> = {}): CandidateMember => ({
    id,
    active: true,
    hasEmail: true,
    lead: false,
    prefs: defaultPreferences(),
    ...extra
  });
  const team = [
    member('actor'),
    member('b'),
    member('digest', { prefs: { ...defaultPreferences(), 'team.joined': 'DIGEST' } }),
    member('off', { prefs: { ...defaultPreferences(), 'team.joined': 'OFF' } }),
    member('suspended', { active: false }),
    member('lead', { lead: true })
  ];

  it('everyone current but the actor, honouring preferences', () => {
    expect(
      decideRecipients({ type: 'team.joined', actorId: 'actor', subjectId: null }, team)
    ).toEqual([
      { recipientId: 'b', mode: 'IMMEDIATE' },
      { recipientId: 'digest', mode: 'DIGEST' },
      { recipientId: 'lead', mode: 'IMMEDIATE' }
    ]);
  });

  it('the raiser only for attention.acknowledged.all, the member and the lead for membership.stale', () => {
    expect(
      decideRecipients(
        { type: 'attention.acknowledged.all', actorId: 'b', subjectId: 'a-1', raiserId: 'actor' },
        team
      )
    ).toEqual([{ recipientId: 'actor', mode: 'IMMEDIATE' }]);
    expect(
      decideRecipients({ type: 'membership.stale', actorId: null, subjectId: 'b' }, team)
    ).toEqual([
      { recipientId: 'b', mode: 'IMMEDIATE' },
      { recipientId: 'lead', mode: 'IMMEDIATE' }
    ]);
  });
});

describe('digest timing', () => {
  it('is due once 07:00 local has passed since the last digest', () => {
    const at = (iso: string) => new Date(iso);
    // 2026-06-01 20:30 UTC is 06:30 on 2 June in Sydney (AEST, +10): not yet.
    expect(digestDue(at('2026-06-01T20:30:00Z'), 'Australia/Sydney', null)).toBeNull();
    expect(digestDue(at('2026-06-01T21:05:00Z'), 'Australia/Sydney', null)).toBe('2026-06-02');
    expect(
      digestDue(at('2026-06-01T23:00:00Z'), 'Australia/Sydney', at('2026-06-01T21:05:00Z'))
    ).toBeNull();
    expect(
      digestDue(at('2026-06-02T21:05:00Z'), 'Australia/Sydney', at('2026-06-01T21:05:00Z'))
    ).toBe('2026-06-03');
    expect(localDateTime(at('2026-01-15T12:00:00Z'), 'Europe/London')).toBe('2026-01-15T12:00');
  });
});

describe('attention messages', () => {
  it('are trimmed, at most 500 characters and never empty', () => {
    expect(cleanMessage('  Moved to a refuge \u0007 ')).toBe('Moved to a refuge');
    expect(cleanMessage('Line one\r\nLine two')).toBe('Line one\nLine two');
    expect(cleanMessage('   ')).toBeNull();
    expect(cleanMessage('x'.repeat(500))).toHaveLength(500);
    expect(cleanMessage('x'.repeat(501))).toBeNull();
    expect(cleanMessage(42)).toBeNull();
  });
});
