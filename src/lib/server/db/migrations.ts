/**
 * Applies cypher/migrations/V####__name.cypher in order, each once, recorded as
 * (:Migration {version, name, checksum, appliedAt}). An applied file whose checksum changed is
 * refused: fix forward with a new migration instead of editing history.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';

export interface MigrationFile {
  version: number;
  name: string;
  file: string;
  checksum: string;
  statements: string[];
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const FILE_PATTERN = /^V(\d{4})__([a-z0-9_]+)\.cypher$/;

export function migrationsDir(): string {
  return path.resolve(process.cwd(), 'cypher/migrations');
}

/** Splits on semicolons that end a line; comment lines are dropped. */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function readMigrations(dir = migrationsDir()): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const match = FILE_PATTERN.exec(file);
    if (!match)
      throw new MigrationError(
        `Migration file ${file} is not named V0001__lower_snake_case.cypher.`
      );
    const version = Number(match[1]);
    if (seen.has(version)) throw new MigrationError(`Two migrations share version ${version}.`);
    seen.add(version);
    const text = readFileSync(path.join(dir, file), 'utf8').replace(/\r\n/g, '\n');
    return {
      version,
      name: match[2] ?? file,
      file,
      checksum: createHash('sha256').update(text).digest('hex'),
      statements: splitStatements(text)
    };
  });
}

export interface MigrationStatus {
  applied: number;
  pending: MigrationFile[];
}

async function appliedChecksums(driver: Driver, database: string): Promise<Map<number, string>> {
  const { records } = await driver.executeQuery(
    'MATCH (m:Migration) RETURN m.version AS version, m.checksum AS checksum',
    {},
    { database, routing: 'READ' }
  );
  return new Map(records.map((r) => [r.get('version') as number, r.get('checksum') as string]));
}

export async function migrationStatus(
  driver: Driver,
  database: string,
  dir?: string
): Promise<MigrationStatus> {
  const files = readMigrations(dir);
  const applied = await appliedChecksums(driver, database);
  for (const m of files) {
    const sum = applied.get(m.version);
    if (sum !== undefined && sum !== m.checksum) {
      throw new MigrationError(
        `Migration ${m.file} was changed after it was applied (checksum ${sum.slice(0, 12)} in the database, ${m.checksum.slice(0, 12)} on disk). Applied migrations must not be edited: restore the file and add a new migration with the change.`
      );
    }
  }
  return { applied: applied.size, pending: files.filter((m) => !applied.has(m.version)) };
}

export async function migrate(
  driver: Driver,
  database: string,
  log: (line: string) => void = () => undefined,
  dir?: string
): Promise<string[]> {
  await driver.executeQuery(
    'CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (m:Migration) REQUIRE m.version IS UNIQUE',
    {},
    { database }
  );
  const { pending } = await migrationStatus(driver, database, dir);
  const done: string[] = [];
  for (const m of pending) {
    // Schema statements cannot share a transaction with writes, so each runs on its own.
    for (const statement of m.statements) {
      await driver.executeQuery(statement, {}, { database });
    }
    await driver.executeQuery(
      'CREATE (:Migration {version: $version, name: $name, checksum: $checksum, appliedAt: datetime()})',
      { version: m.version, name: m.name, checksum: m.checksum },
      { database }
    );
    log(`Applied migration ${m.file}`);
    done.push(m.file);
  }
  await driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database });
  return done;
}
