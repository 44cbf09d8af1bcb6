/**
 * The process supervisor of `npm start`: runs the web server and the worker process, prefixes
 * their output with their name, and restarts one that dies on its own (a crash, an out-of-memory
 * kill, `kill -9`) after the backoff of restart-policy.ts. Before, any exit stopped everything,
 * so one crashed worker took the web server down with it (issue 15, finding 9).
 *
 * Only `stop()` (Ctrl-C / SIGTERM of `npm start`) ends children without a restart. When a child
 * crashes too often the supervisor restarts nothing more and calls `onGiveUp`; stopping the rest
 * and exiting non-zero is the caller's part, as it also owns Neo4j and Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  DEFAULT_RESTART_POLICY,
  NO_CRASHES,
  decideAfterCrash,
  describeCrash,
  type CrashHistory,
  type RestartPolicy
} from './restart-policy.ts';

export interface ChildSpec {
  /** Shown as the `[name] ` prefix of every line. */
  name: string;
  /** Arguments to this Node executable. */
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface SupervisorOptions {
  policy?: RestartPolicy;
  /** Called once, with the line already logged, when a child crashed too often. */
  onGiveUp: (message: string) => void;
  /** The supervisor's own lines (crashes, restarts); console.error by default. */
  log?: (line: string) => void;
  /** How long `stop()` waits for a child after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
}

interface Supervised {
  spec: ChildSpec;
  child: ChildProcess | undefined;
  startedAt: number;
  history: CrashHistory;
  restartTimer: NodeJS.Timeout | undefined;
}

/** Copies a child's output to ours, each line prefixed so the two processes stay readable. */
function pipeOutput(child: ChildProcess, name: string): void {
  const prefix = `[${name}] `;
  child.stdout?.on('data', (d: Buffer) =>
    process.stdout.write(d.toString().replace(/^(?=.)/gm, prefix))
  );
  child.stderr?.on('data', (d: Buffer) =>
    process.stderr.write(d.toString().replace(/^(?=.)/gm, prefix))
  );
}

function running(child: ChildProcess | undefined): child is ChildProcess {
  return child !== undefined && child.exitCode === null && child.signalCode === null;
}

export class Supervisor {
  private readonly entries: Supervised[];
  private readonly policy: RestartPolicy;
  private readonly log: (line: string) => void;
  private stopping = false;
  private gaveUp = false;

  constructor(
    specs: ChildSpec[],
    private readonly options: SupervisorOptions
  ) {
    this.policy = options.policy ?? DEFAULT_RESTART_POLICY;
    this.log = options.log ?? ((line) => console.error(line));
    this.entries = specs.map((spec) => ({
      spec,
      child: undefined,
      startedAt: 0,
      history: NO_CRASHES,
      restartTimer: undefined
    }));
  }

  start(): void {
    for (const entry of this.entries) this.spawn(entry);
  }

  /** The running process of a child, if it is running (for tests and diagnostics). */
  pid(name: string): number | undefined {
    const child = this.entries.find((e) => e.spec.name === name)?.child;
    return running(child) ? child.pid : undefined;
  }

  /**
   * Stops every child (SIGTERM, then SIGKILL after `stopTimeoutMs`) and cancels pending restarts;
   * nothing is restarted afterwards. Resolves once all have exited.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    const timeoutMs = this.options.stopTimeoutMs ?? 5000;
    await Promise.all(
      this.entries.map((entry) => {
        clearTimeout(entry.restartTimer);
        const child = entry.child;
        if (!running(child)) return undefined;
        return new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, timeoutMs).unref();
        });
      })
    );
  }

  private spawn(entry: Supervised): void {
    const { spec } = entry;
    const child = spawn(process.execPath, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe']
    });
    entry.child = child;
    entry.startedAt = Date.now();
    pipeOutput(child, spec.name);
    if (entry.history.crashTimes.length > 0)
      this.log(`[${spec.name}] restarted (pid ${child.pid})`);
    let exited = false;
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      if (exited) return;
      exited = true;
      this.exited(entry, code, signal);
    };
    child.once('exit', onExit);
    // A process that could not be started at all emits 'error' and no 'exit'.
    child.once('error', (error) => {
      this.log(`[${spec.name}] could not run: ${error.message}`);
      if (child.pid === undefined) onExit(null, null);
    });
  }

  private exited(entry: Supervised, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping || this.gaveUp) return;
    const now = Date.now();
    const decision = decideAfterCrash(this.policy, entry.history, {
      at: now,
      upForMs: now - entry.startedAt
    });
    entry.history = decision.history;
    const message = describeCrash(entry.spec.name, { code, signal }, decision, this.policy);
    this.log(message);
    if (decision.action === 'give-up') {
      this.gaveUp = true;
      this.options.onGiveUp(message);
      return;
    }
    entry.restartTimer = setTimeout(() => {
      entry.restartTimer = undefined;
      if (!this.stopping && !this.gaveUp) this.spawn(entry);
    }, decision.delayMs);
  }
}
