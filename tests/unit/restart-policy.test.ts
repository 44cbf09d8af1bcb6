/**
 * The restart policy of `npm start`'s supervisor (scripts/lib/restart-policy.ts): exponential
 * backoff capped at 30 s, reset once a child has stayed up, and giving up on the fifth crash in
 * five minutes, with the console lines that say so.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RESTART_POLICY as policy,
  NO_CRASHES,
  decideAfterCrash,
  describeCrash,
  formatDuration,
  type CrashDecision,
  type CrashHistory
} from '../../scripts/lib/restart-policy.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Crashes at the given times, each after running `upForMs`; returns every decision. */
function crashes(times: number[], upForMs = 100): CrashDecision[] {
  let history: CrashHistory = NO_CRASHES;
  return times.map((at) => {
    const decision = decideAfterCrash(policy, history, { at, upForMs });
    history = decision.history;
    return decision;
  });
}

describe('decideAfterCrash', () => {
  it('restarts after 1 s, then doubles the wait for a child that keeps dying at once', () => {
    // Apart enough that only one crash is ever in the window, so none gives up.
    const decisions = crashes([0, 6, 12, 18, 24, 30, 36].map((m) => m * MINUTE));
    expect(decisions.map((d) => d.action)).toEqual(Array(7).fill('restart'));
    expect(decisions.map((d) => (d.action === 'restart' ? d.delayMs : null))).toEqual([
      1 * SECOND,
      2 * SECOND,
      4 * SECOND,
      8 * SECOND,
      16 * SECOND,
      30 * SECOND,
      30 * SECOND
    ]);
  });

  it('is back to 1 s for a child that stayed up a minute before crashing', () => {
    const first = decideAfterCrash(policy, NO_CRASHES, { at: 0, upForMs: 100 });
    const second = decideAfterCrash(policy, first.history, { at: 10 * SECOND, upForMs: 100 });
    expect(second).toMatchObject({ action: 'restart', delayMs: 2 * SECOND });
    const afterAWhile = decideAfterCrash(policy, second.history, {
      at: 80 * SECOND,
      upForMs: policy.stableAfterMs
    });
    expect(afterAWhile).toMatchObject({ action: 'restart', delayMs: 1 * SECOND });
    // The crash still counts towards giving up: it is the third in five minutes.
    expect(afterAWhile.crashesInWindow).toBe(3);
  });

  it('gives up on the fifth crash within five minutes, not before', () => {
    const decisions = crashes([0, 10, 20, 30, 40].map((s) => s * SECOND));
    expect(decisions.map((d) => d.action)).toEqual([
      'restart',
      'restart',
      'restart',
      'restart',
      'give-up'
    ]);
    expect(decisions.map((d) => d.crashesInWindow)).toEqual([1, 2, 3, 4, 5]);
  });

  it('forgets crashes older than five minutes, so occasional crashes never add up', () => {
    // Five crashes, but never five in any five minutes.
    const decisions = crashes([0, 2, 4, 6, 8, 10, 12, 14].map((m) => m * MINUTE + 1));
    expect(decisions.every((d) => d.action === 'restart')).toBe(true);
    expect(Math.max(...decisions.map((d) => d.crashesInWindow))).toBe(3);
    // The window keeps only what it needs.
    expect(decisions.at(-1)!.history.crashTimes).toHaveLength(3);
  });

  it('counts a crash that many long-running children make as in the window', () => {
    // Each ran a minute (no backoff), but five in under five minutes is still a crash loop.
    const decisions = crashes(
      [0, 1, 2, 3, 4].map((m) => m * MINUTE + 30 * SECOND),
      policy.stableAfterMs
    );
    expect(decisions.map((d) => (d.action === 'restart' ? d.delayMs : d.action))).toEqual([
      1000,
      1000,
      1000,
      1000,
      'give-up'
    ]);
  });
});

describe('describeCrash', () => {
  it('says how the child ended, when it comes back and how many crashes that makes', () => {
    const [first] = crashes([0]);
    expect(describeCrash('workers', { code: null, signal: 'SIGKILL' }, first!, policy)).toBe(
      '[workers] exited (SIGKILL); restarting in 1 s (crash 1 of 5 in 5 min)'
    );
  });

  it('names the exit code, and says that it stops everything when it gives up', () => {
    const last = crashes([0, 1, 2, 3, 4].map((s) => s * SECOND)).at(-1)!;
    expect(describeCrash('web', { code: 1, signal: null }, last, policy)).toBe(
      '[web] exited (code 1); it crashed 5 times in 5 min, so it is not restarted again: stopping everything.'
    );
  });
});

describe('formatDuration', () => {
  it('says seconds below a minute and whole minutes above', () => {
    expect(formatDuration(1000)).toBe('1 s');
    expect(formatDuration(30_000)).toBe('30 s');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(5 * MINUTE)).toBe('5 min');
    expect(formatDuration(90_000)).toBe('90 s');
  });
});
