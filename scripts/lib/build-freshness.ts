/** Decides whether the production build is older than its sources, so `npm start` rebuilds only when needed. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SOURCES = [
  'src',
  'graph',
  'cypher',
  'workers',
  'static',
  'svelte.config.js',
  'vite.config.ts',
  'package.json',
  'package-lock.json'
];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function buildIsStale(root: string, outDir = 'build'): boolean {
  const marker = path.join(root, outDir, 'handler.js');
  if (!existsSync(marker)) return true;
  const built = statSync(marker).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}
