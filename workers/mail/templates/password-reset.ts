/** The password reset link; sent only to an address that has an active account. */
import { renderLayout, renderText, type RenderedEmail } from './layout.ts';

export interface PasswordResetEmailInput {
  resetUrl: string;
  expiresInMinutes: number;
}

export function renderPasswordResetEmail(input: PasswordResetEmailInput): RenderedEmail {
  const content = {
    title: 'Reset your Teamaround password',
    paragraphs: [
      'Someone, hopefully you, asked to reset the password of the Teamaround account for this address.',
      `Choose a new password with the button below. The link works once, for ${input.expiresInMinutes} minutes. When you have changed it, you will be signed out everywhere else.`
    ],
    button: { label: 'Choose a new password', url: input.resetUrl },
    footer: [
      'If you did not ask for this, ignore this email: your password stays as it is.',
      'Never forward this email: the link is yours alone.'
    ]
  };
  return {
    subject: 'Reset your Teamaround password',
    html: renderLayout(content),
    text: renderText(content)
  };
}
