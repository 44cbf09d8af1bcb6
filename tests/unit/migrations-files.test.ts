import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MigrationError,
  migrationsDir,
  readMigrations,
  splitStatements
} from '../../src/lib/server/db/migrations.ts';

describe('splitStatements', () => {
  it('splits on semicolons at line ends and drops comment lines', () => {
    const text = [
      '// a comment; with a semicolon;',
      'CREATE CONSTRAINT a IF NOT EXISTS FOR (n:A) REQUIRE n.id IS UNIQUE;',
      '  // indented comment',
      'CREATE INDEX b IF NOT EXISTS',
      '  FOR (n:B) ON (n.x);',
      'CREATE INDEX c IF NOT EXISTS FOR (n:C) ON (n.y)'
    ].join('\n');
    expect(splitStatements(text)).toEqual([
      'CREATE CONSTRAINT a IF NOT EXISTS FOR (n:A) REQUIRE n.id IS UNIQUE',
      'CREATE INDEX b IF NOT EXISTS\n  FOR (n:B) ON (n.x)',
      'CREATE INDEX c IF NOT EXISTS FOR (n:C) ON (n.y)'
    ]);
  });

  it('keeps semicolons inside a line', () => {
    expect(splitStatements("RETURN 'a;b' AS x;\nRETURN 1;")).toEqual([
      "RETURN 'a;b' AS x",
      'RETURN 1'
    ]);
  });

  it('returns nothing for an empty or comment-only file', () => {
    expect(splitStatements('')).toEqual([]);
    expect(splitStatements('// nothing\n\n')).toEqual([]);
  });
});

describe('readMigrations', () => {
  const dirs: string[] = [];
  function tempDir(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'teamaround-migrations-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('reads files in version order with checksums and statements', () => {
    const dir = tempDir({
      'V0002__second.cypher': 'RETURN 2;\n',
      'V0001__first.cypher': 'RETURN 1;\r\nRETURN 11;\r\n',
      'README.md': 'not a migration'
    });
    const migrations = readMigrations(dir);
    expect(migrations.map((m) => [m.version, m.name, m.file])).toEqual([
      [1, 'first', 'V0001__first.cypher'],
      [2, 'second', 'V0002__second.cypher']
    ]);
    expect(migrations[0]?.statements).toEqual(['RETURN 1', 'RETURN 11']);
    expect(migrations[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same checksum for CRLF and LF files', () => {
    const lf = readMigrations(tempDir({ 'V0001__a.cypher': 'RETURN 1;\n' }))[0];
    const crlf = readMigrations(tempDir({ 'V0001__a.cypher': 'RETURN 1;\r\n' }))[0];
    expect(crlf?.checksum).toBe(lf?.checksum);
  });

  it.each([
    'V1__short.cypher',
    'V0001-dash.cypher',
    'V0001__Upper_Case.cypher',
    'create_things.cypher'
  ])('rejects the badly named file %s', (name) => {
    const dir = tempDir({ [name]: 'RETURN 1;' });
    expect(() => readMigrations(dir)).toThrowError(MigrationError);
    expect(() => readMigrations(dir)).toThrowError(/is not named V0001__lower_snake_case\.cypher/);
  });

  it('rejects two files with the same version', () => {
    const dir = tempDir({ 'V0003__one.cypher': 'RETURN 1;', 'V0003__two.cypher': 'RETURN 2;' });
    expect(() => readMigrations(dir)).toThrowError(MigrationError);
    expect(() => readMigrations(dir)).toThrowError(/share version 3/);
  });

  it('reads the project migrations without error', () => {
    const migrations = readMigrations(migrationsDir());
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.version)).toEqual(
      [...migrations.map((m) => m.version)].sort((a, b) => a - b)
    );
    for (const m of migrations) expect(m.statements.length).toBeGreaterThan(0);
  });
});
