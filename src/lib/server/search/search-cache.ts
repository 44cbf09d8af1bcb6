/**
 * What every search needs before it can look for names: the searcher's area tiers and the
 * expansion of an area filter. Reading them first cost each search a round trip, so they are
 * kept in memory:
 *
 * - A viewer's tiers change when their areas do (COVERS: joining a team, adding a client, the
 *   profile). Those commands call `forgetViewerTiers` in this process; another instance of the app
 *   sees the change within TIERS_TTL_MS. Tiers only rank results, they decide no access.
 * - An area filter's expansion is reference data that only migrations change.
 */
const TIERS_TTL_MS = 60_000;
const AREA_FILTER_TTL_MS = 10 * 60_000;
/** A bound on memory whatever the traffic: past it the cache starts again. */
const MAX_ENTRIES = 10_000;

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

function cached<T>(
  cache: Map<string, Entry<T>>,
  key: string,
  ttlMs: number,
  read: () => Promise<T>
): Promise<T> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < ttlMs) return hit.value;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  const value = read();
  cache.set(key, { at: Date.now(), value });
  // A failed read is not remembered: the next search asks again.
  value.catch(() => {
    if (cache.get(key)?.value === value) cache.delete(key);
  });
  return value;
}

const tiers = new Map<string, Entry<unknown>>();
const areaFilters = new Map<string, Entry<unknown>>();

export function cachedViewerTiers<T>(viewerId: string, read: () => Promise<T>): Promise<T> {
  return cached(tiers as Map<string, Entry<T>>, viewerId, TIERS_TTL_MS, read);
}

export function cachedAreaFilter<T>(codes: readonly string[], read: () => Promise<T>): Promise<T> {
  const key = [...codes].sort().join('\n');
  return cached(areaFilters as Map<string, Entry<T>>, key, AREA_FILTER_TTL_MS, read);
}

/** After a command changed this practitioner's areas: their next search reads them afresh. */
export function forgetViewerTiers(viewerId: string): void {
  tiers.delete(viewerId);
}
