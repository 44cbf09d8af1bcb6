/**
 * Every event type a command writes is either an alert kind the pipeline emails (kinds.ts) or
 * listed as deliberately silent (SILENT_EVENT_TYPES). Found in the code itself, so a new command
 * event cannot go nowhere unnoticed, as `meeting.pack.sent` did (issue 15, finding 12).
 * tests/integration/meeting-pack-email.test.ts checks that each emailed kind really fans out.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_ALERT_KINDS,
  ADMIN_ALERT_KINDS,
  ALERT_KINDS,
  MEETING_ALERT_KINDS,
  SILENT_EVENT_TYPES
} from '../../src/lib/server/alerts/kinds.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|cypher)$/.test(name) ? [path] : [];
  });
}

/** Event types written by commands (commandEvent) and by Cypher that puts an Event in the outbox. */
export function emittedEventTypes(files: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const call of text.matchAll(/(?<!function )commandEvent\(\s*([^,]+),/g)) {
      const first = call[1]!;
      const literals = [...first.matchAll(/'([a-z]+(?:\.[a-z]+)+)'/g)].map((m) => m[1]!);
      if (literals.length === 0) {
        // A constant: resolve `const NAME = 'x.y'` in the same file.
        const name = first.trim();
        const constant = new RegExp(`${name}\\s*(?::[^=]+)?=\\s*'([a-z.]+)'`).exec(text);
        if (constant) literals.push(constant[1]!);
        else found.set(`<unresolved ${name}>`, file);
      }
      for (const type of literals) found.set(type, file);
    }
    for (const create of text.matchAll(/:Event\s*\{[^}]*\}/g)) {
      if (!/outbox:\s*true/.test(create[0])) continue;
      const type = /type:\s*'([a-z.]+)'/.exec(create[0]);
      if (type) found.set(type[1]!, file);
    }
  }
  return found;
}

describe('alert kinds', () => {
  const emitted = emittedEventTypes([
    ...sourceFiles('src/lib/server'),
    ...sourceFiles('cypher/queries'),
    ...sourceFiles('graph/commands')
  ]);
  const emailed = new Set<string>([
    ...ALERT_KINDS,
    ...ACCOUNT_ALERT_KINDS,
    ...ADMIN_ALERT_KINDS,
    ...MEETING_ALERT_KINDS
  ]);
  const silent = new Set<string>(SILENT_EVENT_TYPES);

  it('finds the commands’ event types in the code', () => {
    expect(emitted.size).toBeGreaterThan(10);
    for (const known of ['meeting.pack.sent', 'team.joined', 'attention.raised', 'client.added']) {
      expect([...emitted.keys()]).toContain(known);
    }
  });

  it('every type a command writes is emailed or deliberately silent', () => {
    const unhandled = [...emitted].filter(([type]) => !emailed.has(type) && !silent.has(type));
    expect(unhandled).toEqual([]);
  });

  it('no type is both emailed and silent, and every silent type is really written', () => {
    expect([...silent].filter((type) => emailed.has(type))).toEqual([]);
    expect([...silent].filter((type) => !emitted.has(type))).toEqual([]);
  });
});
