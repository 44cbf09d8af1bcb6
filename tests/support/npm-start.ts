/**
 * `npm start` (scripts/start.ts) as a child process of a test, for the supervisor tests: its
 * output is kept (and appended to test-results/<logName>.log), and the processes it runs are
 * found the way an operator finds them, as its child processes in `ps`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface NpmStart {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The pid of its child process whose command line contains `script`, if one runs now. */
  childPid(script: string): number | undefined;
  /** Every child process seen while it ran (sampled), pid to command line: none may outlive it. */
  seen: Map<number, string>;
  /** SIGTERM (as Ctrl-C would stop it), SIGKILL after `graceMs`; resolves with how it ended. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Whether a process with this pid exists (and is not a zombie awaiting its parent). */
export function alive(pid: number): boolean {
  try {
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
    return state.trim() !== '' && !state.trim().startsWith('Z');
  } catch {
    return false;
  }
}

function childProcesses(ppid: number): { pid: number; args: string }[] {
  const table = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[2]) === ppid)
    .map((m) => ({ pid: Number(m[1]), args: m[3]! }));
}

/** `node --import tsx scripts/start.ts` (what `npm start` runs) with exactly `env`. */
export function startNpmStart(env: NodeJS.ProcessEnv, logName: string): NpmStart {
  mkdirSync(path.join(root, 'test-results'), { recursive: true });
  const log = createWriteStream(path.join(root, 'test-results', `${logName}.log`), { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/start.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      log.write(chunk);
    });
  }
  const seen = new Map<number, string>();
  const childPid = (script: string): number | undefined => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
      return undefined;
    }
    const found = childProcesses(child.pid);
    for (const p of found) seen.set(p.pid, p.args);
    return found.find((p) => p.args.includes(script))?.pid;
  };
  const sampler = setInterval(() => childPid(''), 250);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      clearInterval(sampler);
      log.end();
      resolve({ code, signal });
    })
  );
  return {
    child,
    output: () => output,
    exited,
    childPid,
    seen,
    async stop(graceMs = 20_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    }
  };
}

/** Waits until `npm start` has printed `text`; fails with its output if it exits first or never does. */
export async function waitForOutput(app: NpmStart, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!app.output().includes(text)) {
    const ended = app.child.exitCode !== null || app.child.signalCode !== null;
    if (ended || Date.now() > deadline) {
      throw new Error(
        `npm start ${ended ? 'exited' : `did not say it within ${timeoutMs} ms`} before printing "${text}". It said:\n${app.output().slice(-3000)}`
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
