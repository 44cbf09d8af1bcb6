/**
 * `npm run search:quality`: runs the search quality list (tests/search-quality/queries.json)
 * through the real search service and prints precision@1 and recall@10, overall and per category.
 *
 *   npm run search:quality                       # figures; ranks in test-results/search-quality.json
 *   npm run search:quality -- --out ranks.json   # the per-query ranks somewhere else
 *
 * It prepares the TEST database exactly as `npm test` does (tests/support/global-setup.ts: the test
 * Neo4j, started if needed and stopped again; migrations; wipe; the 400-client seed 7), so it never
 * touches the development data, then adds the list's fixture records. TEST_NEO4J_BOLT_PORT and
 * TEST_REDIS_URL move the test services, as for `npm test`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyTestEnv } from '../tests/support/db.ts';
import setup from '../tests/support/global-setup.ts';
import {
  figuresByCategory,
  figuresTable,
  firstRelevantRank
} from '../tests/search-quality/metrics.ts';
import { addFixtures, removeFixtures, runList } from '../tests/search-quality/run-list.ts';
import { database, getDriver } from '../src/lib/server/db/neo4j.ts';
import { runCli } from './lib/friendly-error.ts';

function outPath(argv: string[]): string {
  const i = argv.indexOf('--out');
  const chosen = i >= 0 ? argv[i + 1] : undefined;
  return path.resolve(chosen ?? 'test-results/search-quality.json');
}

await runCli(async () => {
  applyTestEnv();
  const out = outPath(process.argv.slice(2));
  const teardown = await setup();
  try {
    const driver = getDriver();
    const db = database();
    const fixtureIds = await addFixtures(driver, db);
    try {
      const { outcomes } = await runList(driver, db, fixtureIds);
      const byCategory = figuresByCategory(outcomes);
      console.log(`\nSearch quality: ${outcomes.length} queries\n`);
      console.log(figuresTable(byCategory));
      const missed = outcomes.filter((o) => firstRelevantRank(o) !== 1);
      if (missed.length > 0) {
        console.log('\nNot first:');
        for (const o of missed) {
          const rank = firstRelevantRank(o);
          console.log(`  ${o.category.padEnd(20)} ${o.searched.padEnd(50)} ${rank ?? 'not found'}`);
        }
      }
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(
        out,
        `${JSON.stringify(
          {
            figures: Object.fromEntries(byCategory),
            queries: outcomes.map((o) => ({
              category: o.category,
              q: o.q,
              searched: o.searched,
              viewer: o.viewer,
              rank: firstRelevantRank(o),
              relevant: o.relevant.length,
              foundInTop10: o.ranked.slice(0, 10).filter((id) => o.relevant.includes(id)).length
            }))
          },
          null,
          2
        )}\n`
      );
      console.log(`\nPer-query ranks: ${path.relative(process.cwd(), out)}`);
    } finally {
      await removeFixtures(driver, db, fixtureIds);
    }
  } finally {
    await teardown();
  }
});
