/**
 * The daily digest: one email per person with the day's alerts they chose to get as a digest,
 * grouped by client (first name + family initial and a link, nothing more: DESIGN.md rule 6).
 */
import type { AlertEmailModel } from '../../../src/lib/server/alerts/alert-model.ts';
import { alertSummary } from './alert-email.ts';
import {
  renderAlertHtml,
  renderAlertText,
  type AlertContent,
  type AlertSection
} from './alert-layout.ts';
import type { RenderedEmail } from './layout.ts';

export interface DigestLinks {
  appUrl: string;
  settingsUrl: string;
  unsubscribeUrl: string;
}

export function renderDigestEmail(items: AlertEmailModel[], links: DigestLinks): RenderedEmail {
  const byClient = new Map<string, AlertSection>();
  for (const item of items) {
    const section = byClient.get(item.clientUrl) ?? {
      heading: { label: item.clientLabel, url: item.clientUrl },
      lines: []
    };
    section.lines.push(alertSummary(item));
    byClient.set(item.clientUrl, section);
  }
  const count = items.length;
  const teams = byClient.size;
  const content: AlertContent = {
    title: 'Your daily Teamaround summary',
    sections: [
      {
        lines: [
          `${count} ${count === 1 ? 'update' : 'updates'} in ${teams} ${teams === 1 ? 'team' : 'teams'} since your last summary.`
        ]
      },
      ...byClient.values()
    ],
    button: { label: 'Open Teamaround', url: links.appUrl },
    footer: [
      'You chose to get these alerts once a day. Teamaround emails never carry case details.'
    ],
    links: [
      { label: 'Email settings', url: links.settingsUrl },
      { label: 'Unsubscribe from the daily summary', url: links.unsubscribeUrl }
    ]
  };
  return {
    subject: `Teamaround: ${count} ${count === 1 ? 'update' : 'updates'} in ${teams} ${teams === 1 ? 'team' : 'teams'}`,
    html: renderAlertHtml(content),
    text: renderAlertText(content)
  };
}
