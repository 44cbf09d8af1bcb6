/** The one Neo4j driver of a process. Sessions are opened per unit of work and closed after. */
import neo4j, { type Driver } from 'neo4j-driver';
import { config } from '../config.ts';

let driver: Driver | undefined;

export function getDriver(): Driver {
  if (!driver) {
    const { uri, username, password } = config().neo4j;
    driver = neo4j.driver(uri, neo4j.auth.basic(username, password), {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: 50,
      connectionAcquisitionTimeout: 20_000
    });
  }
  return driver;
}

export function database(): string {
  return config().neo4j.database;
}

export async function closeDriver(): Promise<void> {
  const current = driver;
  driver = undefined;
  await current?.close();
}
