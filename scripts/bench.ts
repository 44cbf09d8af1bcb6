/**
 * `npm run bench`: the benchmarks (not tests), one after another, on the development services.
 *
 *   npm run bench                         # all of them
 *   npm run bench -- search team          # some of them
 *   npm run bench -- search --runs 500    # options after the names go to each benchmark
 *
 * Seed the size to measure first, e.g. `npm run seed -- --reset --clients 1000000`, with the
 * development Neo4j running (`npm run db:start`). Each benchmark documents its options at its top.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const dir = path.join(import.meta.dirname, 'bench');
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();

const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('-'));
const names = firstOption < 0 ? args : args.slice(0, firstOption);
const options = firstOption < 0 ? [] : args.slice(firstOption);
const unknown = names.filter((n) => !available.includes(n));
if (unknown.length > 0) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ')}.`);
  process.exit(2);
}

const chosen = names.length > 0 ? names : available;
const failed: string[] = [];
for (const name of chosen) {
  console.log(`\n=== ${name} (scripts/bench/${name}.bench.ts) ===`);
  const started = Date.now();
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(dir, `${name}.bench.ts`), ...options],
    { stdio: 'inherit' }
  );
  console.log(
    `=== ${name}: ${run.status === 0 ? 'done' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`
  );
  if (run.status !== 0) failed.push(name);
}
if (failed.length > 0) {
  console.error(`\nFailed: ${failed.join(', ')}`);
  process.exit(1);
}
