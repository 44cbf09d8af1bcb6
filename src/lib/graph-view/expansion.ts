/**
 * The answers the explorer holds: the starting client's first, then one per expanded person.
 * Expanding adds an answer, collapsing removes it (what only it brought disappears), joining a
 * team marks the person as a member everywhere until their own answer arrives.
 */
import type { Neighbourhood } from './types.ts';

export function withExpansion(
  sources: readonly Neighbourhood[],
  answer: Neighbourhood
): Neighbourhood[] {
  const rest = sources.filter((s, i) => i === 0 || s.centreId !== answer.centreId);
  if (rest[0]?.centreId === answer.centreId) return [answer, ...rest.slice(1)];
  return [...rest, answer];
}

/** Without the answer for `clientId`; the starting client's answer always stays. */
export function withoutExpansion(
  sources: readonly Neighbourhood[],
  clientId: string
): Neighbourhood[] {
  return sources.filter((s, i) => i === 0 || s.centreId !== clientId);
}

export function expandedIds(sources: readonly Neighbourhood[]): string[] {
  return sources.slice(1).map((s) => s.centreId);
}
