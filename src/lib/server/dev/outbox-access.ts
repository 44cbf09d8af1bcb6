/**
 * Who may read which email of the development outbox. It holds activation and password-reset
 * links, so showing another person's messages hands over their account (issue 15, finding 4):
 * admins see every message, anyone else only messages addressed to their own email.
 */
import type { OutboxEmail } from '../../../../workers/mail/local-outbox.ts';

export interface OutboxReader {
  email: string;
  roles: string[];
}

/** The bare address of a recipient written as `addr` or `Name <addr>`, compared case-blind. */
function address(recipient: string): string {
  const bracketed = /<([^<>]+)>\s*$/.exec(recipient);
  return (bracketed?.[1] ?? recipient).trim().toLowerCase();
}

export function mayReadOutboxEmail(reader: OutboxReader, email: Pick<OutboxEmail, 'to'>): boolean {
  if (reader.roles.includes('admin')) return true;
  const own = reader.email.trim().toLowerCase();
  return own.length > 0 && address(email.to) === own;
}
