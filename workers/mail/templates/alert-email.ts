/**
 * One alert email per event and recipient. Rendered from an AlertEmailModel only, which holds
 * nothing but the client's first name + family initial, a link, and practitioners as the
 * recipient may see them (restricted members are "a restricted service"): DESIGN.md rule 6.
 * Never the attention's message, an address or anything else behind sign-in.
 */
import type { AlertEmailModel } from '../../../src/lib/server/alerts/alert-model.ts';
import { renderAlertHtml, renderAlertText, sentence, type AlertContent } from './alert-layout.ts';
import type { RenderedEmail } from './layout.ts';

export interface AlertLinks {
  settingsUrl: string;
  unsubscribeUrl: string;
}

/** The one-line summary an alert gets in its subject and in a digest. */
export function alertSummary(m: AlertEmailModel): string {
  const actor = m.actor ? sentence(m.actor) : 'Someone';
  switch (m.kind) {
    case 'team.joined':
      return `${actor} joined the team around ${m.clientLabel}`;
    case 'team.left':
      return `${actor} left the team around ${m.clientLabel}`;
    case 'attention.raised':
      return m.priority === 'URGENT'
        ? `Urgent attention raised about ${m.clientLabel}`
        : `New attention raised about ${m.clientLabel}`;
    case 'attention.acknowledged.all':
      return `Everyone has acknowledged your attention about ${m.clientLabel}`;
    case 'attention.resolved':
      return `An attention about ${m.clientLabel} was resolved`;
    case 'team.lead.changed':
      return `New lead professional for ${m.clientLabel}`;
    case 'team.lead.nominated':
      return m.recipientIsSubject
        ? `You are nominated as lead professional for ${m.clientLabel}`
        : `A lead professional is nominated for ${m.clientLabel}: confirmation needed`;
    case 'team.lead.handover.offered':
      return m.recipientIsSubject
        ? `You are offered the lead for ${m.clientLabel}`
        : `The lead for ${m.clientLabel} is being handed over`;
    case 'team.lead.declined':
      return `A lead proposal for ${m.clientLabel} was declined`;
    case 'circle.changed':
      return `The family and household circle of ${m.clientLabel} changed`;
    case 'membership.stale':
      return m.recipientIsSubject
        ? `Are you still working with ${m.clientLabel}?`
        : `A membership to check in the team around ${m.clientLabel}`;
    case 'team.contact.requested':
      // The phone number is in the summary so that a daily digest carries it too.
      return `${actor} asks you to contact them about ${m.clientLabel}${m.contact?.phone ? ` (${m.contact.phone})` : ''}`;
  }
}

/** How to reach the asker of a contact request, one line each. */
function contactLines(m: AlertEmailModel): string[] {
  const c = m.contact;
  if (!c) return [];
  return [
    `Name: ${c.name}`,
    `Agency: ${c.agency ?? 'not recorded'}`,
    `Phone: ${c.phone ?? 'not recorded'}`,
    ...(c.email ? [`Email: ${c.email}`] : [])
  ];
}

function explanation(m: AlertEmailModel): string[] {
  const actor = m.actor ? sentence(m.actor) : 'Someone';
  switch (m.kind) {
    case 'team.joined':
      return [
        `${actor} is now working with ${m.clientLabel} too.`,
        // The practitioner's own words, which the join form says the team will see.
        ...(m.reason ? [`Their reason for joining: “${m.reason}”`] : []),
        'Open the team to see who is involved and how to reach them.'
      ];
    case 'team.left':
      return [`${actor} is no longer in the team around ${m.clientLabel}.`];
    case 'attention.raised':
      return [
        `${actor} raised ${m.priority === 'URGENT' ? 'an urgent' : 'an'} attention about ${m.clientLabel}.`,
        'Sign in to read it and let the team know you have seen it.'
      ];
    case 'attention.acknowledged.all':
      return [
        `Every other member of the team around ${m.clientLabel} has acknowledged the attention you raised.`,
        'Resolve it when it no longer needs the team’s attention.'
      ];
    case 'attention.resolved':
      return [`${actor} marked an attention about ${m.clientLabel} as resolved.`];
    case 'team.lead.changed':
      return [
        `${sentence(m.subject ?? 'another member')} is now the lead professional for ${m.clientLabel}.`
      ];
    case 'team.lead.nominated':
      return m.recipientIsSubject
        ? [
            `${actor} nominated you as lead professional for ${m.clientLabel}.`,
            'It takes effect when a member from another agency confirms it; you can decline it.'
          ]
        : [
            `${actor} nominated ${m.subject ?? 'a member'} as lead professional for ${m.clientLabel}.`,
            'It takes effect when a member from another agency than the nominee’s, an admin or a local lead confirms it. Sign in to confirm or decline.'
          ];
    case 'team.lead.handover.offered':
      return m.recipientIsSubject
        ? [
            `${actor} offered you the lead for ${m.clientLabel}.`,
            'Sign in to accept or decline it: nothing changes until you do.'
          ]
        : [
            `${actor} offered the lead for ${m.clientLabel} to ${m.subject ?? 'a member'}.`,
            'It changes when they accept.'
          ];
    case 'team.lead.declined':
      return [
        `${actor} declined or withdrew the proposal to make ${m.recipientIsSubject ? 'you' : (m.subject ?? 'a member')} lead professional for ${m.clientLabel}.`
      ];
    case 'circle.changed':
      return [
        `${actor} updated the family and household circle of ${m.clientLabel}.`,
        'Sign in to see it.'
      ];
    case 'membership.stale':
      return m.recipientIsSubject
        ? [
            `Your place in the team around ${m.clientLabel} has not been confirmed for 6 months.`,
            'Confirm you are still involved, or leave the team, so others know whom to contact.'
          ]
        : [
            `${sentence(m.subject ?? 'a member')} has not confirmed their place in the team around ${m.clientLabel} for 6 months.`,
            'As lead professional you may want to check they are still involved.'
          ];
    case 'team.contact.requested':
      return [
        `${actor}, a member of the team around ${m.clientLabel}, asks the restricted service on the team to contact them.`,
        ...contactLines(m),
        'They have not been told who you are. Reply only if you choose to: contacting them shows them who you are.'
      ];
  }
}

export function renderAlertEmail(m: AlertEmailModel, links: AlertLinks): RenderedEmail {
  const content: AlertContent = {
    title: alertSummary(m),
    sections: [{ lines: explanation(m) }],
    button: { label: `Open the team around ${m.clientLabel}`, url: m.clientUrl },
    footer: [
      'You get this because you are in this team. Teamaround emails never carry case details: everything else is behind sign-in.'
    ],
    links: [
      { label: 'Email settings', url: links.settingsUrl },
      { label: 'Unsubscribe from this kind of alert', url: links.unsubscribeUrl }
    ]
  };
  return {
    subject: `${m.priority === 'URGENT' && m.kind === 'attention.raised' ? 'URGENT: ' : ''}${alertSummary(m)}`,
    html: renderAlertHtml(content),
    text: renderAlertText(content)
  };
}
