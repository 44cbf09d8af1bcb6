/**
 * Emails to admins about the system's safety (ADMIN_ALERT_KINDS). They name the practitioner and
 * link to their access report; never a client, a search or anything a practitioner looked up.
 */
import type { AdminAlertModel } from '../../../src/lib/server/alerts/admin-alerts.ts';
import { renderAlertHtml, renderAlertText, type AlertContent } from './alert-layout.ts';
import type { RenderedEmail } from './layout.ts';

export function adminAlertSummary(m: AdminAlertModel): string {
  switch (m.kind) {
    case 'lookups.limit.reached':
      return `${m.practitioner} reached the hourly limit of client look-ups`;
  }
}

function explanation(m: AdminAlertModel): string[] {
  switch (m.kind) {
    case 'lookups.limit.reached':
      return [
        `${m.practitioner} has looked up ${m.limit ?? 'the most allowed number of'} clients in the last hour, the most allowed. Their further look-ups are refused until the hour is over.`,
        'This is how a compromised account copying the client register would look. Check their access report, and suspend the account if the searches were not real work.'
      ];
  }
}

export function renderAdminAlertEmail(m: AdminAlertModel, settingsUrl: string): RenderedEmail {
  const content: AlertContent = {
    title: adminAlertSummary(m),
    sections: [{ lines: explanation(m) }],
    button: { label: 'Open their access report', url: m.reportUrl },
    footer: [
      'You get this because you are an admin of Teamaround; at most one such email per practitioner per hour. Teamaround emails never carry case details.'
    ],
    links: [{ label: 'Email settings', url: settingsUrl }]
  };
  return {
    subject: adminAlertSummary(m),
    html: renderAlertHtml(content),
    text: renderAlertText(content)
  };
}
