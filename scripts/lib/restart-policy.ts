/**
 * When `npm start` restarts a crashed child process and when it gives up: a pure function of the
 * crash history, so it is unit tested without processes or clocks (scripts/lib/supervisor.ts runs
 * it). Backoff doubles per crash of a child that did not stay up (1 s, 2 s, 4 s ... capped), so a
 * child that dies at start-up does not spin; a child that ran for a while starts again at the
 * first delay. Giving up is counted in a sliding window, so one crash a day never adds up to
 * "stop everything", while a crash loop does within minutes.
 */
export interface RestartPolicy {
  /** Wait before the first restart (and after a crash of a child that had stayed up). */
  firstDelayMs: number;
  /** The doubling stops here. */
  maxDelayMs: number;
  /** A child that ran at least this long before crashing is back to `firstDelayMs`. */
  stableAfterMs: number;
  /** The crash that makes this many in `windowMs` is not restarted: everything stops. */
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  maxCrashes: 5,
  windowMs: 5 * 60_000
};

/** One child's crash history, as the policy needs it. */
export interface CrashHistory {
  /** When its recent crashes happened (only those still inside the window are kept). */
  crashTimes: readonly number[];
  /** Crashes in a row without staying up `stableAfterMs`: the backoff exponent. */
  streak: number;
}

export const NO_CRASHES: CrashHistory = { crashTimes: [], streak: 0 };

export type CrashDecision =
  | { action: 'restart'; delayMs: number; crashesInWindow: number; history: CrashHistory }
  | { action: 'give-up'; crashesInWindow: number; history: CrashHistory };

/** What to do about a child that exited on its own at `at` after running for `upForMs`. */
export function decideAfterCrash(
  policy: RestartPolicy,
  history: CrashHistory,
  crash: { at: number; upForMs: number }
): CrashDecision {
  const crashTimes = [
    ...history.crashTimes.filter((t) => crash.at - t < policy.windowMs),
    crash.at
  ];
  const streak = crash.upForMs >= policy.stableAfterMs ? 1 : history.streak + 1;
  const next: CrashHistory = { crashTimes, streak };
  if (crashTimes.length >= policy.maxCrashes) {
    return { action: 'give-up', crashesInWindow: crashTimes.length, history: next };
  }
  const delayMs = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (streak - 1));
  return { action: 'restart', delayMs, crashesInWindow: crashTimes.length, history: next };
}

/** "1 s", "30 s", "5 min": durations as the console messages say them. */
export function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/**
 * The console line for a crash, e.g. `[workers] exited (SIGKILL); restarting in 1 s (crash 1 of 5
 * in 5 min)`, or the give-up line that ends `npm start`.
 */
export function describeCrash(
  name: string,
  exit: { code: number | null; signal: NodeJS.Signals | null },
  decision: CrashDecision,
  policy: RestartPolicy
): string {
  const how = exit.signal ?? `code ${exit.code}`;
  const window = formatDuration(policy.windowMs);
  if (decision.action === 'restart') {
    return `[${name}] exited (${how}); restarting in ${formatDuration(decision.delayMs)} (crash ${decision.crashesInWindow} of ${policy.maxCrashes} in ${window})`;
  }
  return `[${name}] exited (${how}); it crashed ${decision.crashesInWindow} times in ${window}, so it is not restarted again: stopping everything.`;
}
