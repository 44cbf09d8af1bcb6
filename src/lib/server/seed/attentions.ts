/**
 * Attentions: short flags of important information raised by a current team member, some
 * acknowledged by colleagues and some resolved. Operational messages only, never case notes.
 */
import type { Family } from './families.ts';
import type { Rng } from './random.ts';
import type { Membership } from './teams.ts';
import { DAY, HOUR, YEAR, between } from './time.ts';

export interface AttentionDraft {
  id: string;
  person: number;
  raisedBy: number;
  message: string;
  priority: 'NORMAL' | 'URGENT';
  createdAt: number;
  resolvedAt: number | null;
  acks: { practitioner: number; at: number }[];
}

/** `for`: who the message can be about (a child, an adult, anyone). */
const MESSAGES: { text: string; urgent: number; for: 'child' | 'adult' | 'any' }[] = [
  {
    text: 'Family moved to temporary accommodation — please check contact details before visiting.',
    urgent: 0.5,
    for: 'any'
  },
  {
    text: 'New phone number for mum; ask the lead professional before calling.',
    urgent: 0.1,
    for: 'child'
  },
  {
    text: 'Has not attended school since Monday; school has tried to call home.',
    urgent: 0.4,
    for: 'child'
  },
  {
    text: 'Missed two paediatric appointments; rebooked for next week.',
    urgent: 0.2,
    for: 'child'
  },
  { text: 'Court date set for next month; youth justice will attend.', urgent: 0.1, for: 'child' },
  { text: 'Hospital admission over the weekend, now discharged home.', urgent: 0.3, for: 'any' },
  {
    text: 'Family asks that all contact goes through the school for now.',
    urgent: 0.1,
    for: 'child'
  },
  { text: 'Housing offer accepted; moving in the next fortnight.', urgent: 0, for: 'any' },
  {
    text: 'Multi-agency meeting booked for Thursday 10am — please confirm attendance.',
    urgent: 0.2,
    for: 'any'
  },
  {
    text: 'Caseworker on leave for two weeks; please use the duty line meanwhile.',
    urgent: 0,
    for: 'any'
  },
  { text: 'Changing school from next term.', urgent: 0, for: 'child' },
  {
    text: 'Referred to the family referral service; waiting for allocation.',
    urgent: 0,
    for: 'any'
  },
  { text: 'Do not visit alone — contact the lead professional first.', urgent: 0.8, for: 'any' },
  { text: 'Reported missing overnight, returned home this morning.', urgent: 0.9, for: 'child' },
  { text: 'Started with a new GP practice.', urgent: 0, for: 'any' },
  {
    text: 'Safety plan updated; check with the lead professional before sharing any details.',
    urgent: 0.6,
    for: 'any'
  },
  { text: 'Dad is back in the household from this week.', urgent: 0.4, for: 'child' },
  { text: 'Baby due next month; antenatal care in place.', urgent: 0.1, for: 'adult' },
  { text: 'Now on a part-time timetable at school.', urgent: 0, for: 'child' },
  {
    text: 'Please send letters by e-mail only — post is not reaching the family.',
    urgent: 0,
    for: 'any'
  }
];

export const URGENT_DEMO_MESSAGE =
  'Family moved to temporary accommodation — please check contact details before visiting.';

export function generateAttentions(
  rng: Rng,
  family: Family,
  memberships: Membership[],
  now: number,
  urgentFor?: { person: number; notBy: number }
): AttentionDraft[] {
  const out: AttentionDraft[] = [];
  family.people.forEach((who, person) => {
    const audience = now - who.dob < 18 * YEAR ? 'child' : 'adult';
    const fitting = MESSAGES.filter((m) => m.for === 'any' || m.for === audience);
    const team = memberships.filter((m) => m.person === person && m.until === null);
    const raisers = team.filter((m) => !m.restricted);
    const forced = urgentFor?.person === person;
    if (raisers.length === 0 || (!forced && !rng.chance(0.14))) return;
    const count = forced ? 1 : 1 + rng.weightedIndex([65, 25, 10]);
    for (let n = 0; n < count; n++) {
      const candidates = forced
        ? raisers.filter((m) => m.practitioner !== urgentFor.notBy)
        : raisers;
      if (candidates.length === 0) break;
      const raiser = rng.pick(candidates);
      const template = rng.pick(fitting);
      const language = family.group.language;
      const message =
        !forced && language && rng.chance(0.15)
          ? `Interpreter needed (${language}) for meetings with the family.`
          : forced
            ? URGENT_DEMO_MESSAGE
            : template.text;
      const createdAt = forced
        ? now - 2 * DAY - rng.int(1, 8) * HOUR
        : between(rng, raiser.since, now - HOUR);
      const resolvedAt =
        !forced && createdAt < now - DAY && rng.chance(0.35)
          ? between(rng, createdAt + HOUR, now)
          : null;
      const acks = team
        .filter(
          (m) =>
            m.practitioner !== raiser.practitioner &&
            !(forced && m.practitioner === urgentFor.notBy)
        )
        .filter((m) => rng.chance(m.restricted ? 0.3 : 0.5))
        .map((m) => ({
          practitioner: m.practitioner,
          at: between(rng, Math.max(createdAt, m.since), Math.min(now, (resolvedAt ?? now) + DAY))
        }));
      out.push({
        id: rng.uuid(),
        person,
        raisedBy: raiser.practitioner,
        message,
        priority: forced || rng.chance(template.urgent * 0.5) ? 'URGENT' : 'NORMAL',
        createdAt,
        resolvedAt,
        acks
      });
    }
  });
  return out;
}
