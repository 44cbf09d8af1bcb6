/** Deletes all data but the :Migration records, in batches so a million clients fit in memory. */
import type { Driver } from 'neo4j-driver';

export async function wipeDatabase(driver: Driver, database: string): Promise<void> {
  const session = driver.session({ database });
  try {
    // CALL ... IN TRANSACTIONS needs an auto-commit transaction, hence session.run. Relationships
    // go first so that deleting a dense node (a council, a big agency) is not one huge transaction.
    await session.run(
      'MATCH (a)-[r]->() WHERE NOT a:Migration CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS'
    );
    await session.run(
      'MATCH (n) WHERE NOT n:Migration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS'
    );
  } finally {
    await session.close();
  }
}
