/**
 * updateClient: a team member corrects the client's details (DESIGN.md rule 1: names, aliases,
 * date of birth, council area and optionally an address). The Event records which fields changed,
 * never their values, so neither the activity log nor an email can carry them. What is stored
 * meets the same input rule as addClient's (client-input.ts); a value equal to the one stored is
 * no change and is not judged again, so a record from before the rule stays editable.
 *
 * Address rule 4: once withheld for safety, only the member who withheld it and the lead
 * professional see the address, so only they may change it or lift the withholding. Anyone on the
 * team may withhold an address; they then become the person others are told to ask.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import {
  checkAliases,
  checkClientName,
  checkCouncil,
  checkDob,
  cleanAliases,
  type Checked,
  type ClientNameField
} from './client-input.ts';
import { cleanPersonName } from '../people/person-name.ts';
import type { Viewer } from '../graphql/viewer.ts';
import {
  CommandError,
  commandEvent,
  requireMembership,
  runCommand
} from '../teams/command-support.ts';

export interface ClientDetailsInput {
  givenName?: string;
  familyName?: string;
  /** Empty string clears it. */
  preferredName?: string;
  aliases?: string[];
  /** YYYY-MM-DD or DD/MM/YYYY; required, as when adding. */
  dob?: string;
  councilCode?: string;
  /** Leave out to keep the address as it is; text '' removes it. */
  address?: { text: string; withheldForSafety: boolean };
}

const MAX_ADDRESS = 300;

interface Current {
  givenName: string;
  familyName: string;
  preferredName: string | null;
  aliases: string[];
  dob: string | null;
  councilCode: string | null;
  address: { text: string; withheld: boolean; withheldById: string | null } | null;
}

const READ = `
MATCH (c:Client {id: $clientId})
OPTIONAL MATCH (c)-[:HAS_ADDRESS]->(ad:Address)
WITH c, ad LIMIT 1
RETURN c.givenName AS givenName, c.familyName AS familyName, c.preferredName AS preferredName,
  coalesce(c.aliases, []) AS aliases, toString(c.dob) AS dob, c.councilCode AS councilCode,
  CASE WHEN ad IS NULL THEN null ELSE {
    text: ad.text, withheld: coalesce(ad.withheldForSafety, false), withheldById: ad.withheldById
  } END AS address`;

async function readCurrent(tx: ManagedTransaction, clientId: string): Promise<Current> {
  const { records } = await tx.run(READ, { clientId });
  const row = records[0];
  if (!row) throw new CommandError('NOT_FOUND', 'There is no such client.');
  return row.toObject() as Current;
}

/** The checked value, or undefined when nothing changes; a refusal is BAD_USER_INPUT. */
function changedValue<T>(checked: Checked<T>, unchanged: boolean, same: (value: T) => boolean) {
  if (unchanged) return undefined;
  if (!checked.ok) throw new CommandError('BAD_USER_INPUT', checked.problem);
  return same(checked.value) ? undefined : { value: checked.value };
}

const sameList = (a: string[], b: string[]) =>
  a.length === b.length && a.every((value, i) => value === b[i]);

export async function updateClient(
  viewer: Viewer,
  input: { clientId: string; details: ClientDetailsInput }
): Promise<{ changed: string[] }> {
  const { details } = input;
  return runCommand(viewer.id, async (tx) => {
    const membership = await requireMembership(tx, viewer.id, input.clientId);
    const current = await readCurrent(tx, input.clientId);
    if (details.address !== undefined && !mayManageAddress(current, viewer.id, membership.lead)) {
      throw new CommandError('FORBIDDEN', WITHHELD_REFUSAL);
    }
    const set: Record<string, unknown> = {};
    const changed: string[] = [];

    for (const field of ['givenName', 'familyName', 'preferredName'] as ClientNameField[]) {
      const raw = details[field];
      if (raw === undefined) continue;
      const stored = current[field] ?? null;
      const change = changedValue(
        checkClientName(field, raw),
        (cleanPersonName(raw) || null) === stored,
        (value) => value === stored
      );
      if (change) {
        set[field] = change.value;
        changed.push(field);
      }
    }
    if (details.aliases !== undefined) {
      const change = changedValue(
        checkAliases(details.aliases),
        sameList(cleanAliases(details.aliases), current.aliases),
        (value) => sameList(value, current.aliases)
      );
      if (change) {
        set.aliases = change.value;
        changed.push('aliases');
      }
    }
    let dob: string | undefined;
    if (details.dob !== undefined) {
      const change = changedValue(
        checkDob(details.dob),
        details.dob.trim() === (current.dob ?? ''),
        (value) => value === current.dob
      );
      if (change) {
        dob = change.value;
        changed.push('dob');
      }
    }
    let councilCode: string | undefined;
    const council =
      details.councilCode === undefined
        ? undefined
        : changedValue(
            checkCouncil(details.councilCode),
            details.councilCode === current.councilCode,
            (value) => value === current.councilCode
          );
    if (council) {
      const { records } = await tx.run(
        `MATCH (a:Area {code: $code}) WHERE a.level = 'COUNCIL' RETURN a.code AS code LIMIT 1`,
        { code: council.value }
      );
      if (records.length === 0) {
        throw new CommandError('BAD_USER_INPUT', 'Choose a council area from the list.');
      }
      councilCode = council.value;
      changed.push('councilCode');
    }

    await tx.run(
      `MATCH (c:Client {id: $clientId})
       SET c += $set
       FOREACH (_ IN CASE WHEN $aliases IS NULL THEN [] ELSE [1] END |
         SET c.aliasesText = reduce(s = '', a IN $aliases | s + CASE s WHEN '' THEN '' ELSE ' ' END + a))
       FOREACH (_ IN CASE WHEN $dob IS NULL THEN [] ELSE [1] END | SET c.dob = date($dob))`,
      {
        clientId: input.clientId,
        set,
        aliases: (set.aliases as string[] | undefined) ?? null,
        dob: dob ?? null
      }
    );
    if (councilCode !== undefined) {
      await tx.run(
        `MATCH (c:Client {id: $clientId})
         OPTIONAL MATCH (c)-[old:LIVES_IN]->(:Area)
         DELETE old
         WITH DISTINCT c
         MATCH (a:Area {code: $code})
         SET c.councilCode = $code
         MERGE (c)-[:LIVES_IN]->(a)`,
        { clientId: input.clientId, code: councilCode }
      );
    }

    if (details.address !== undefined) {
      changed.push(
        ...(await updateAddress(
          tx,
          viewer.id,
          input.clientId,
          membership.lead,
          current,
          details.address
        ))
      );
    }

    if (changed.length === 0) return { result: { changed }, events: [] };
    return {
      result: { changed },
      events: [commandEvent('client.updated', input.clientId, input.clientId, { fields: changed })]
    };
  });
}

/** The one answer to anyone who may not see a withheld address, whatever they submitted. */
export const WITHHELD_REFUSAL =
  'This address is withheld for safety: only the member who withheld it or the lead professional can change it.';

/**
 * No oracle (rule 4): someone who may not see a withheld address is refused any address change
 * before anything they sent is validated or compared with the stored text, so the answer is the
 * same for the right address, a wrong one, an empty one or one too long.
 */
function mayManageAddress(current: Current, viewerId: string, viewerIsLead: boolean): boolean {
  const existing = current.address;
  return !existing || !existing.withheld || existing.withheldById === viewerId || viewerIsLead;
}

async function updateAddress(
  tx: ManagedTransaction,
  viewerId: string,
  clientId: string,
  viewerIsLead: boolean,
  current: Current,
  wanted: { text: string; withheldForSafety: boolean }
): Promise<string[]> {
  if (!mayManageAddress(current, viewerId, viewerIsLead)) {
    throw new CommandError('FORBIDDEN', WITHHELD_REFUSAL);
  }
  const text = wanted.text.replace(/\r\n?/g, '\n').trim();
  if (text.length > MAX_ADDRESS) {
    throw new CommandError(
      'BAD_USER_INPUT',
      `The address can be at most ${MAX_ADDRESS} characters.`
    );
  }
  const existing = current.address;
  const textChanged = (existing?.text ?? '') !== text;
  const withheldChanged = Boolean(existing?.withheld) !== wanted.withheldForSafety;
  if (!textChanged && !withheldChanged) return [];
  if (!text) {
    await tx.run('MATCH (:Client {id: $clientId})-[:HAS_ADDRESS]->(ad:Address) DETACH DELETE ad', {
      clientId
    });
    return existing ? ['address'] : [];
  }
  const withheldById = wanted.withheldForSafety
    ? existing?.withheld
      ? existing.withheldById
      : viewerId
    : null;
  await tx.run(
    // At most one address per client: MERGE reuses the one there is.
    `MATCH (c:Client {id: $clientId})
     MERGE (c)-[:HAS_ADDRESS]->(ad:Address)
     ON CREATE SET ad.id = randomUUID()
     SET ad.text = $text, ad.withheldForSafety = $withheld, ad.withheldById = $withheldById,
         ad.updatedAt = datetime()`,
    { clientId, text, withheld: wanted.withheldForSafety, withheldById }
  );
  const changed: string[] = [];
  if (textChanged) changed.push('address');
  if (withheldChanged) changed.push('address.withheldForSafety');
  return changed;
}
