/**
 * `npm run seed`: loads the real area hierarchy and generates demo data, deterministic for a seed.
 *
 *   npm run seed                          # the default demo (SEED_CLIENTS, 3,000 clients)
 *   npm run seed -- --reset               # wipe everything but the migrations, then seed
 *   npm run seed -- --reset --clients 100000 --seed 2
 *   npm run seed -- --if-empty            # do nothing when clients exist (used by npm start)
 */
import { config } from '../src/lib/server/config.ts';
import { closeDriver, database, getDriver } from '../src/lib/server/db/neo4j.ts';
import {
  DEMO_ACCOUNTS,
  hasData,
  seedDatabase,
  SeedError,
  wipeDatabase
} from '../src/lib/server/seed/index.ts';
import { formatCount } from '../src/lib/server/seed/progress.ts';
import { FriendlyError, runCli } from './lib/friendly-error.ts';

interface Args {
  clients: number;
  seed: number;
  reset: boolean;
  ifEmpty: boolean;
}

const USAGE = 'Usage: npm run seed -- [--clients N] [--seed S] [--reset] [--if-empty]';

function wholeNumber(flag: string, raw: string | undefined, max: number): number {
  const value = Number(raw?.replace(/_/g, ''));
  if (raw === undefined || raw === '' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new FriendlyError(
      `${flag} needs a whole number between 0 and ${formatCount(max)} (got ${raw === undefined ? 'nothing' : `"${raw}"`}).\n${USAGE}`
    );
  }
  return value;
}

export function parseArgs(argv: string[], defaultClients: number): Args {
  const args: Args = { clients: defaultClients, seed: 1, reset: false, ifEmpty: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=')
      ? (arg.split('=', 2) as [string, string])
      : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--clients':
        args.clients = wholeNumber('--clients', value(), 5_000_000);
        break;
      case '--seed':
        args.seed = wholeNumber('--seed', value(), 2 ** 31);
        break;
      case '--reset':
        args.reset = true;
        break;
      case '--if-empty':
        args.ifEmpty = true;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new FriendlyError(`Unknown option "${arg}".\n${USAGE}`);
    }
  }
  return args;
}

await runCli(async () => {
  const cfg = config();
  const args = parseArgs(process.argv.slice(2), cfg.seedClients);
  const driver = getDriver();
  const db = database();
  try {
    try {
      await driver.verifyConnectivity({ database: db });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new FriendlyError(
        `Cannot reach Neo4j at ${cfg.neo4j.uri} (${reason}). Start it with \`npm run db:start\` (or \`npm start\`), or set NEO4J_URI to your server, then run the seed again.`
      );
    }
    if (args.ifEmpty) {
      const { records } = await driver.executeQuery(
        'RETURN EXISTS { MATCH (:Client) } AS any',
        {},
        { database: db, routing: 'READ' }
      );
      if (records[0]?.get('any') === true) {
        console.log('The database already has clients; nothing to seed (--if-empty).');
        return;
      }
    }
    if (args.reset) {
      console.log('Wiping all data except the migration records...');
      const t = Date.now();
      await wipeDatabase(driver, db);
      console.log(`Wiped in ${((Date.now() - t) / 1000).toFixed(1)} s.`);
    } else if (await hasData(driver, db)) {
      throw new FriendlyError(
        `The database at ${cfg.neo4j.uri} already has data (clients, practitioners or agencies), and seeding on top of it would mix two datasets. To replace everything with fresh demo data, run \`npm run seed -- --reset\` (this deletes all data except the migration records; add --clients N or --seed S as before).`
      );
    }

    console.log(`Seeding ${formatCount(args.clients)} clients (seed ${args.seed})...`);
    const result = await seedDatabase(driver, db, {
      clients: args.clients,
      seed: args.seed,
      demoPassword: cfg.demoPassword
    });
    const s = result.seconds;
    const perSecond = (n: number) => formatCount(s > 0 ? n / s : 0);
    console.log(
      `Seeded ${formatCount(result.nodes)} nodes and ${formatCount(result.relationships)} relationships in ${s.toFixed(1)} s (${perSecond(result.nodes)} nodes/s, ${perSecond(result.relationships)} relationships/s)`
    );
    console.log(
      `\nDemo accounts (password: ${process.env.DEMO_PASSWORD ? 'the DEMO_PASSWORD you set' : cfg.demoPassword}):`
    );
    for (const account of DEMO_ACCOUNTS)
      console.log(`  ${account.email.padEnd(36)} ${account.description}`);
  } catch (error) {
    if (error instanceof SeedError) throw new FriendlyError(error.message);
    throw error;
  } finally {
    await closeDriver();
  }
});
