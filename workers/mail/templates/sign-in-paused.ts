/**
 * Sent when sign-in to an account is paused after many failed attempts from many addresses:
 * a link that lifts the pause, so somebody else's guessing cannot keep the holder out.
 */
import { renderLayout, renderText, type RenderedEmail } from './layout.ts';

export interface SignInPausedEmailInput {
  unlockUrl: string;
  expiresInMinutes: number;
}

export function renderSignInPausedEmail(input: SignInPausedEmailInput): RenderedEmail {
  const content = {
    title: 'Sign-in to your Teamaround account is paused',
    paragraphs: [
      'There have been many failed attempts to sign in to the Teamaround account for this address, from several places, so we have paused signing in to it.',
      `If you want to sign in now, open sign-in again with the button below. The link works once, for ${input.expiresInMinutes} minutes; without it, sign-in opens again by itself after that time.`
    ],
    button: { label: 'Open sign-in again', url: input.unlockUrl },
    footer: [
      'If the failed attempts were not yours, someone may be guessing your password: choose a new one ("Forgotten your password?" on the sign-in page).',
      'Never forward this email: the link is yours alone.'
    ]
  };
  return {
    subject: 'Sign-in to your Teamaround account is paused',
    html: renderLayout(content),
    text: renderText(content)
  };
}
