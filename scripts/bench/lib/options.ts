/**
 * Command-line options of a benchmark, read with node:util parseArgs from one table of defaults:
 * a number default makes a numeric option (refused clearly if the value is not a number), a
 * boolean a flag, a string or undefined a text option. Options meant for another benchmark are
 * ignored, because `npm run bench -- --runs 50` hands the same options to every benchmark.
 */
import { parseArgs } from 'node:util';

type Defaults = Record<string, number | string | boolean | undefined>;

export function benchOptions<T extends Defaults>(defaults: T, argv = process.argv.slice(2)): T {
  const options = Object.fromEntries(
    Object.entries(defaults).map(([name, value]) => [
      name,
      { type: typeof value === 'boolean' ? ('boolean' as const) : ('string' as const) }
    ])
  );
  const { values } = parseArgs({ args: argv, options, strict: false, allowPositionals: true });
  const read: Defaults = { ...defaults };
  for (const [name, fallback] of Object.entries(defaults)) {
    const given = values[name];
    if (given === undefined) continue;
    if (typeof fallback === 'number') {
      const n = Number(given);
      if (!Number.isFinite(n)) throw new Error(`--${name} wants a number, not "${String(given)}".`);
      read[name] = n;
    } else {
      read[name] = given;
    }
  }
  return read as T;
}
