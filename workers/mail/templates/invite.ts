/**
 * The invitation to join Teamaround. It names the colleague who invited them, never a client:
 * the invitee is not a team member yet, so even "a team" is all they learn before signing in.
 */
import { renderLayout, renderText, type RenderedEmail } from './layout.ts';

export interface InviteEmailInput {
  inviterName: string;
  activationUrl: string;
  expiresAt: Date;
  /** The invite also adds them to one of the inviter's teams (which one is shown after sign-in). */
  joinsTeam: boolean;
}

const formatDate = (date: Date) =>
  new Intl.DateTimeFormat('en-AU', {
    dateStyle: 'full',
    timeZone: 'Australia/Sydney'
  }).format(date);

export function renderInviteEmail(input: InviteEmailInput): RenderedEmail {
  const content = {
    title: `${input.inviterName} invited you to Teamaround`,
    paragraphs: [
      `${input.inviterName} has invited you to Teamaround, where practitioners find the others working with the same child, family or adult and keep each other informed.`,
      ...(input.joinsTeam
        ? [
            'They would also like you to join a team they are part of. You will see which one once you have set up your account.'
          ]
        : []),
      `Set up your account with the link below. The link works once and until ${formatDate(input.expiresAt)}.`
    ],
    button: { label: 'Set up my account', url: input.activationUrl },
    footer: [
      'If you were not expecting this, you can ignore this email: no account is created until the link is used.',
      'Never forward this email: the link is yours alone.'
    ]
  };
  return {
    subject: `${input.inviterName} invited you to Teamaround`,
    html: renderLayout(content),
    text: renderText(content)
  };
}
