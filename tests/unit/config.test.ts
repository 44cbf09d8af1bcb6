import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/lib/server/config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('parseConfig accepted a bad configuration');
}

describe('parseConfig', () => {
  it('has working defaults for local development', () => {
    const cfg = parseConfig({});
    expect(cfg.nodeEnv).toBe('development');
    expect(cfg.host).toBe('127.0.0.1');
    expect(cfg.port).toBe(3000);
    expect(cfg.publicUrl).toBe('http://127.0.0.1:3000');
    expect(cfg.neo4j).toMatchObject({
      external: false,
      uri: 'bolt://127.0.0.1:7687',
      username: 'neo4j',
      database: 'neo4j',
      boltPort: 7687,
      dataDir: '.data/neo4j'
    });
    expect(cfg.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(cfg.redisPrefix).toBe('{teamaround}');
    expect(cfg.resend.apiKey).toBeUndefined();
    expect(cfg.sessionSecret.length).toBeGreaterThan(0);
  });

  it('derives the local Bolt URI from NEO4J_BOLT_PORT', () => {
    const cfg = parseConfig({ NEO4J_BOLT_PORT: '7697', NEO4J_DATA_DIR: '.data/neo4j-test' });
    expect(cfg.neo4j.uri).toBe('bolt://127.0.0.1:7697');
    expect(cfg.neo4j.dataDir).toBe('.data/neo4j-test');
    expect(cfg.neo4j.external).toBe(false);
  });

  it('names every bad variable in one ConfigError', () => {
    const problems = problemsOf({
      NODE_ENV: 'staging',
      PORT: 'eighty',
      NEO4J_BOLT_PORT: '-1',
      REDIS_URL: 'http://127.0.0.1:6379',
      DEMO_PASSWORD: 'short',
      NEO4J_HEAP_MB: '12'
    });
    const text = problems.join('\n');
    for (const name of [
      'NODE_ENV',
      'PORT',
      'NEO4J_BOLT_PORT',
      'REDIS_URL',
      'DEMO_PASSWORD',
      'NEO4J_HEAP_MB'
    ]) {
      expect(text).toContain(name);
    }
    expect(problems.length).toBeGreaterThanOrEqual(6);
  });

  it('puts all the problems in the error message', () => {
    expect(() => parseConfig({ PORT: '0', SESSION_IDLE_MINUTES: 'x' })).toThrowError(
      /PORT[\s\S]*SESSION_IDLE_MINUTES/
    );
  });

  it('requires SESSION_SECRET in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).join('\n')).toContain('SESSION_SECRET');
    expect(
      problemsOf({ NODE_ENV: 'production', SESSION_SECRET: 'too-short' }).join('\n')
    ).toContain('SESSION_SECRET');
    const cfg = parseConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) });
    expect(cfg.sessionSecret).toBe('x'.repeat(32));
  });

  it('marks NEO4J_URI as an external server', () => {
    const cfg = parseConfig({
      NEO4J_URI: 'neo4j+s://abcd.databases.neo4j.io',
      NEO4J_PASSWORD: 'pw'
    });
    expect(cfg.neo4j.external).toBe(true);
    expect(cfg.neo4j.uri).toBe('neo4j+s://abcd.databases.neo4j.io');
    expect(problemsOf({ NEO4J_URI: 'http://localhost:7474' }).join('\n')).toContain('NEO4J_URI');
  });
});
