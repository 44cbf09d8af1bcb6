/**
 * What an attention may say (DESIGN.md rule 1): a short flag of important information, at most
 * 500 characters, never case notes. Shared by the form, the GraphQL command and the service.
 */
export const MESSAGE_MAX_LENGTH = 500;

export const PRIORITIES = ['NORMAL', 'URGENT'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Shown beside every box where an attention is written. */
export const CASE_NOTES_REMINDER =
  'Share only what the team needs to know now. Do not write case notes: they belong in your own agency’s records.';

export type AttentionInputError = 'INVALID_MESSAGE' | 'INVALID_PRIORITY';

export function cleanMessage(message: unknown): string | null {
  if (typeof message !== 'string') return null;
  // Control characters (but not line breaks) would corrupt emails and logs; trim the rest.
  const clean = message
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n]+/gu, ' ')
    .trim();
  if (clean.length === 0 || clean.length > MESSAGE_MAX_LENGTH) return null;
  return clean;
}

export function isPriority(value: unknown): value is Priority {
  return typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value);
}
