/** Sent to the old address when an account's email changes, so a hijack does not go unnoticed. */
import { renderLayout, renderText, type RenderedEmail } from './layout.ts';

export function renderEmailChangedEmail(input: {
  newEmail: string;
  resetUrl: string;
}): RenderedEmail {
  const content = {
    title: 'Your Teamaround email address was changed',
    paragraphs: [
      `The email address of your Teamaround account was changed to ${input.newEmail}. Emails will go there from now on.`,
      'If you did not do this, reset your password straight away and tell your local lead.'
    ],
    button: { label: 'Reset my password', url: input.resetUrl },
    footer: ['You are receiving this because this address was on the account until now.']
  };
  return {
    subject: 'Your Teamaround email address was changed',
    html: renderLayout(content),
    text: renderText(content)
  };
}
