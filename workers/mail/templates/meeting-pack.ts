/**
 * The meeting pack email: a colleague sends the pack for a meeting about a client. It carries the
 * client as first name + family initial and a link, nothing else (DESIGN.md rule 6); it names no
 * organiser or attendee (a restricted one must stay anonymous, rule 3).
 */
import type { MeetingPackModel } from '../../../src/lib/server/alerts/meeting-pack-alert.ts';
import { renderAlertHtml, renderAlertText, type AlertContent } from './alert-layout.ts';
import type { RenderedEmail } from './layout.ts';

function content(m: MeetingPackModel): AlertContent {
  return {
    title: `Meeting pack for ${m.clientLabel}`,
    sections: [
      {
        lines: [
          `A colleague on ${m.clientLabel}’s team sent you the pack for a meeting about them.`,
          ...(m.when ? [`The meeting: ${m.when}.`] : []),
          'Sign in to read the pack; it is only shown to the team.'
        ]
      }
    ],
    button: { label: 'Open the meeting pack', url: m.url },
    footer: [
      'You get this because a team member chose you as an attendee. Teamaround emails never carry case details.'
    ],
    links: []
  };
}

export function renderMeetingPackEmail(m: MeetingPackModel): RenderedEmail {
  const c = content(m);
  return { subject: c.title, html: renderAlertHtml(c), text: renderAlertText(c) };
}
