/**
 * The sensitive-agency verification emails (account alerts): to those who may decide a waiting
 * verification, and to the practitioner once it is decided. They name the practitioner and the
 * agency, which the recipients need to act; never a client (DESIGN.md rule 6).
 */
import type { AccountAlertModel } from '../../../src/lib/server/alerts/account-alerts.ts';
import { renderAlertHtml, renderAlertText, type AlertContent } from './alert-layout.ts';
import type { RenderedEmail } from './layout.ts';

function content(m: AccountAlertModel): AlertContent {
  switch (m.kind) {
    case 'agency.verification.requested':
      return {
        title: `Verify a new member of ${m.agencyName}`,
        sections: [
          {
            lines: [
              `${m.claimantName} says they work at ${m.agencyName}, a sensitive service.`,
              'Until an admin or a verified member of that agency approves, they cannot join any team as a restricted member. Approve only if you know they work there; otherwise refuse.'
            ]
          }
        ],
        button: { label: 'Review waiting verifications', url: m.url },
        footer: [
          'You get this because you are an admin or a verified member of this agency. Teamaround emails never carry case details.'
        ],
        links: []
      };
    case 'agency.verification.approved':
      return {
        title: `You are verified as a member of ${m.agencyName}`,
        sections: [
          {
            lines: [
              `Your membership of ${m.agencyName} was verified.`,
              'You can now join a client’s team as a restricted member when that keeps your service safe.'
            ]
          }
        ],
        button: { label: 'Open your profile', url: m.url },
        footer: ['Teamaround emails never carry case details.'],
        links: []
      };
    case 'agency.verification.refused':
      return {
        title: `Your membership of ${m.agencyName} was not verified`,
        sections: [
          {
            lines: [
              `Your membership of ${m.agencyName} was refused by an admin or a member of that agency.`,
              'You can still use Teamaround and join teams under your own name, but not as a member of that agency. If this is a mistake, ask your manager to contact a Teamaround admin.'
            ]
          }
        ],
        button: { label: 'Open your profile', url: m.url },
        footer: ['Teamaround emails never carry case details.'],
        links: []
      };
  }
}

export function renderAgencyVerificationEmail(m: AccountAlertModel): RenderedEmail {
  const c = content(m);
  return { subject: c.title, html: renderAlertHtml(c), text: renderAlertText(c) };
}
