/**
 * Migrations against the test Neo4j. Community edition has a single user database, so the
 * idempotence and edit-refusal checks use a throwaway migrations folder holding one harmless,
 * uniquely named migration (a high version number and an index with a random suffix), and clean
 * up the index and the :Migration record afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, testDriver } from '../support/db.ts';
import {
  MigrationError,
  migrate,
  migrationStatus,
  migrationsDir,
  readMigrations
} from '../../src/lib/server/db/migrations.ts';

const driver = testDriver();
const db = testDatabase();

async function names(query: string): Promise<string[]> {
  const { records } = await driver.executeQuery(query, {}, { database: db, routing: 'READ' });
  return records.map((r) => r.get('name') as string).sort();
}

async function snapshot() {
  const { records } = await driver.executeQuery(
    'MATCH (m:Migration) RETURN m.version AS version, m.checksum AS checksum, toString(m.appliedAt) AS appliedAt ORDER BY version',
    {},
    { database: db, routing: 'READ' }
  );
  return {
    indexes: await names('SHOW INDEXES YIELD name RETURN name'),
    constraints: await names('SHOW CONSTRAINTS YIELD name RETURN name'),
    migrations: records.map((r) => r.toObject())
  };
}

describe('migrations in a throwaway folder', () => {
  const suffix = randomBytes(4).toString('hex');
  const version = 9000 + Math.floor(Math.random() * 999);
  const indexName = `migration_test_${suffix}`;
  const file = `V${version}__test_${suffix}.cypher`;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'teamaround-migrate-'));
    writeFileSync(
      path.join(dir, file),
      `// A harmless index on a label nothing uses.\nCREATE INDEX ${indexName} IF NOT EXISTS FOR (n:MigrationTest_${suffix}) ON (n.x);\n`
    );
  });

  afterAll(async () => {
    await driver.executeQuery(`DROP INDEX ${indexName} IF EXISTS`, {}, { database: db });
    await driver.executeQuery(
      'MATCH (m:Migration {version: $version}) DELETE m',
      { version },
      { database: db }
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies a new migration once; running again changes nothing', async () => {
    const before = await snapshot();
    expect(before.indexes).not.toContain(indexName);

    expect(await migrate(driver, db, () => undefined, dir)).toEqual([file]);
    const afterFirst = await snapshot();
    expect(afterFirst.indexes).toContain(indexName);
    expect(afterFirst.migrations.length).toBe(before.migrations.length + 1);
    expect(afterFirst.migrations.find((m) => m.version === version)?.checksum).toBe(
      readMigrations(dir)[0]?.checksum
    );

    expect(await migrate(driver, db, () => undefined, dir)).toEqual([]);
    expect(await snapshot()).toEqual(afterFirst);
    expect((await migrationStatus(driver, db, dir)).pending).toEqual([]);
  });

  it('refuses a migration that was edited after it was applied, saying what to do', async () => {
    await migrate(driver, db, () => undefined, dir);
    const before = await snapshot();
    writeFileSync(
      path.join(dir, file),
      `CREATE INDEX ${indexName}_edited IF NOT EXISTS FOR (n:MigrationTest_${suffix}) ON (n.y);\n`
    );
    const error = await migrate(driver, db, () => undefined, dir).then(
      () => undefined,
      (e: unknown) => e
    );
    expect(error).toBeInstanceOf(MigrationError);
    const message = (error as MigrationError).message;
    expect(message).toContain(file);
    expect(message).toMatch(/was changed after it was applied/);
    expect(message).toMatch(/restore the file and add a new migration/);
    expect(message).not.toMatch(/\n\s+at /);
    // Nothing of the edited file ran.
    expect(await snapshot()).toEqual(before);
    await expect(migrationStatus(driver, db, dir)).rejects.toThrowError(MigrationError);
  });
});

describe('the project migrations', () => {
  const files = readMigrations(migrationsDir());
  const text = files
    .map((m) => readFileSync(path.join(migrationsDir(), m.file), 'utf8'))
    .join('\n');
  const constraintNames = [...text.matchAll(/CREATE CONSTRAINT (\w+)/g)].map((m) => m[1]);
  const fulltextNames = [...text.matchAll(/CREATE FULLTEXT INDEX (\w+)/g)].map((m) => m[1]);
  const rangeIndexNames = [...text.matchAll(/CREATE (?:RANGE |TEXT |POINT )?INDEX (\w+)/g)].map(
    (m) => m[1]
  );

  it('are all applied, with the checksums on disk', async () => {
    const status = await migrationStatus(driver, db);
    expect(status.pending.map((m) => m.file)).toEqual([]);
    const { records } = await driver.executeQuery(
      'MATCH (m:Migration) WHERE m.version IN $versions RETURN m.version AS version, m.checksum AS checksum ORDER BY version',
      { versions: files.map((m) => m.version) },
      { database: db, routing: 'READ' }
    );
    expect(records.map((r) => [r.get('version'), r.get('checksum')])).toEqual(
      files.map((m) => [m.version, m.checksum])
    );
  });

  it('running them again applies nothing', async () => {
    const before = await snapshot();
    expect(await migrate(driver, db)).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('created every constraint they name', async () => {
    expect(constraintNames.length).toBeGreaterThan(0);
    const existing = await names('SHOW CONSTRAINTS YIELD name RETURN name');
    expect(existing).toEqual(expect.arrayContaining(constraintNames));
  });

  it('created every index they name, full-text ones online', async () => {
    expect(fulltextNames.length).toBeGreaterThan(0);
    const { records } = await driver.executeQuery(
      'SHOW INDEXES YIELD name, type, state RETURN name, type, state',
      {},
      { database: db, routing: 'READ' }
    );
    const indexes = new Map(records.map((r) => [r.get('name') as string, r.toObject()]));
    for (const name of fulltextNames) {
      expect(indexes.get(name as string), `full-text index ${name}`).toMatchObject({
        type: 'FULLTEXT',
        state: 'ONLINE'
      });
    }
    for (const name of rangeIndexNames) {
      expect(indexes.get(name as string)?.state, `index ${name}`).toBe('ONLINE');
    }
  });
});
