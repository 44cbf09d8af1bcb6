/**
 * Search as practitioners use it (Query.search: the /search page, the header's search box, API
 * tokens): counted against the hourly look-up limit and recorded (DESIGN.md rule 5).
 *
 * Every search writes one `client.searched` audit record: who, the query as shown back (at most
 * 200 characters), the scope and area filters, and how many clients, practitioners and agencies
 * it found — never the results themselves. A search refused by the limit is recorded too.
 *
 * The benchmark and the add-client page call the search service directly: they are not
 * practitioners looking people up.
 */
import { audit } from '../audit/audit.ts';
import { countLookup, lookupToken, searchLookupValue, type Reservation } from './lookups.ts';
import { search, type SearchInput, type SearchResults } from './search.service.ts';

export interface SearchRecord {
  q: string;
  scope: string;
  areas: string;
  clients: number;
  practitioners: number;
  agencies: number;
  capped: boolean;
  refused: boolean;
}

async function record(viewerId: string, entry: SearchRecord): Promise<void> {
  await audit({ type: 'client.searched', actorId: viewerId, data: { ...entry } });
}

export async function recordedSearch(viewerId: string, input: SearchInput): Promise<SearchResults> {
  const q = typeof input.q === 'string' ? input.q : '';
  const base = {
    q: q.trim().slice(0, 200),
    scope: input.scope ?? 'all',
    areas: (input.areas ?? []).slice(0, 10).join(' ').slice(0, 400)
  };
  let reservation: Reservation;
  try {
    reservation = await countLookup(
      viewerId,
      lookupToken('search', searchLookupValue({ ...input, q }))
    );
  } catch (refusal) {
    await record(viewerId, {
      ...base,
      clients: 0,
      practitioners: 0,
      agencies: 0,
      capped: false,
      refused: true
    });
    throw refusal;
  }
  let results: SearchResults;
  try {
    results = await search(viewerId, input);
  } catch (failure) {
    await reservation.release();
    throw failure;
  }
  // Only searches that return clients are look-ups: a practitioner or agency search is free.
  if (results.clients.length === 0) await reservation.release();
  await record(viewerId, {
    ...base,
    q: results.q,
    scope: results.scope,
    clients: results.clients.length,
    practitioners: results.practitioners.length,
    agencies: results.agencies.length,
    capped: results.capped,
    refused: false
  });
  return results;
}
