/**
 * Configuration, parsed and validated once from the environment. Every bad variable is named in
 * one error so an operator fixes them all in one go. Used by the web app, the workers and the
 * scripts alike, so it reads process.env rather than SvelteKit's $env modules.
 */

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  neo4j: {
    /** Set when the operator points us at their own server: nothing is provisioned then. */
    external: boolean;
    uri: string;
    username: string;
    password: string;
    database: string;
    boltPort: number;
    dataDir: string;
    heapMiB: number;
    pagecacheMiB: number;
  };
  redisUrl: string;
  /** Prefix for every Redis key and BullMQ queue; the hash tag keeps Redis Cluster slots together. */
  redisPrefix: string;
  demoPassword: string;
  sessionSecret: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  resend: { apiKey: string | undefined; baseUrl: string | undefined; from: string };
  seedClients: number;
  /**
   * Client look-ups one practitioner may make per hour (rule 5: the register cannot be copied):
   * searches that return clients, and opening a client whose team they are not on.
   */
  clientLookupsPerHour: number;
  /**
   * The wait added to a sign-in answer per recent failure of that account from that address
   * (capped at 2 s): guessing gets slow long before anything locks. Tests set it to 1.
   */
  signInDelayPerFailureMs: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `Configuration is not valid:\n  - ${problems.join('\n  - ')}\nSee .env.example and the README's configuration table.`
    );
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, problems: string[], min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    problems.push(`${name} must be a whole number >= ${min} (got "${raw}")`);
    return fallback;
  }
  return value;
}

export function parseConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const nodeEnvRaw = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    problems.push(`NODE_ENV must be development, production or test (got "${nodeEnvRaw}")`);
  }
  const nodeEnv = (
    ['development', 'production', 'test'].includes(nodeEnvRaw) ? nodeEnvRaw : 'development'
  ) as Config['nodeEnv'];
  const host = env.HOST || '127.0.0.1';
  const port = intVar(env, 'PORT', 3000, problems, 1);
  const boltPort = intVar(env, 'NEO4J_BOLT_PORT', 7687, problems, 1);
  const external = Boolean(env.NEO4J_URI);
  const uri = env.NEO4J_URI || `bolt://127.0.0.1:${boltPort}`;
  if (!/^(neo4j|bolt)(\+s|\+ssc)?:\/\//.test(uri)) {
    problems.push(
      `NEO4J_URI must start with neo4j://, neo4j+s://, bolt:// or bolt+s:// (got "${uri}")`
    );
  }
  const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\//.test(redisUrl))
    problems.push(`REDIS_URL must start with redis:// or rediss:// (got "${redisUrl}")`);
  const sessionSecret =
    env.SESSION_SECRET ||
    (nodeEnv === 'production' ? '' : 'development-only-session-secret-change-me');
  if (nodeEnv === 'production' && sessionSecret.length < 32) {
    problems.push('SESSION_SECRET must be set to at least 32 random characters in production');
  }
  const demoPassword = env.DEMO_PASSWORD || 'teamaround-demo-2026';
  if (demoPassword.length < 12) problems.push('DEMO_PASSWORD must be at least 12 characters');
  const neo4jPassword = env.NEO4J_PASSWORD || 'teamaround-local';
  if (!external && neo4jPassword.length < 8)
    problems.push('NEO4J_PASSWORD must be at least 8 characters');

  const config: Config = {
    nodeEnv,
    host,
    port,
    publicUrl: (env.PUBLIC_URL || `http://${host}:${port}`).replace(/\/$/, ''),
    neo4j: {
      external,
      uri,
      username: env.NEO4J_USERNAME || 'neo4j',
      password: neo4jPassword,
      database: env.NEO4J_DATABASE || 'neo4j',
      boltPort,
      dataDir: env.NEO4J_DATA_DIR || '.data/neo4j',
      heapMiB: intVar(env, 'NEO4J_HEAP_MB', 2048, problems, 256),
      pagecacheMiB: intVar(env, 'NEO4J_PAGECACHE_MB', 2048, problems, 64)
    },
    redisUrl,
    redisPrefix: env.REDIS_PREFIX || '{teamaround}',
    demoPassword,
    sessionSecret,
    sessionIdleMinutes: intVar(env, 'SESSION_IDLE_MINUTES', 30, problems, 1),
    sessionAbsoluteHours: intVar(env, 'SESSION_ABSOLUTE_HOURS', 12, problems, 1),
    resend: {
      apiKey: env.RESEND_API_KEY || undefined,
      baseUrl: env.RESEND_BASE_URL || undefined,
      from: env.MAIL_FROM || 'Teamaround <alerts@teamaround.example>'
    },
    seedClients: intVar(env, 'SEED_CLIENTS', 3000, problems, 0),
    clientLookupsPerHour: intVar(env, 'CLIENT_LOOKUPS_PER_HOUR', 300, problems, 1),
    signInDelayPerFailureMs: intVar(env, 'SIGN_IN_DELAY_MS', 200, problems, 0)
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

let cached: Config | undefined;
export function config(): Config {
  cached ??= parseConfig();
  return cached;
}
