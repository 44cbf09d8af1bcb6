/**
 * Where the reference data lives. The seed runs from the repository (tsx scripts, tests), so the
 * files are found relative to this module; the working directory is the fallback for bundles.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function dataDir(sub: 'areas' | 'names'): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const beside = path.resolve(here, '../../../../data', sub);
  return existsSync(beside) ? beside : path.resolve(process.cwd(), 'data', sub);
}
