/**
 * Suspending and reinstating accounts. Admins may act on anyone; local leads on practitioners
 * whose agency serves an area within theirs (lead-scope.ts), never on themselves or an admin.
 * Suspension ends every session at once and revokes every API token (a reinstated account starts
 * without tokens); hooks.server.ts also re-reads the status on each request.
 */
import { auditInTx } from '../audit/audit.ts';
import { destroyUserSessions } from '../auth/sessions.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { revokeAccountTokens } from './api-tokens.service.ts';
import {
  leadScope,
  PRACTITIONER_IN_SCOPE,
  scopeParams,
  isAdmin,
  type Actor
} from './lead-scope.ts';

export interface AccountRow {
  id: string;
  name: string;
  email: string;
  jobTitle: string | null;
  agencyName: string | null;
  status: string;
  roles: string[];
}

export type SuspensionResult =
  | { ok: true; endedSessions: number }
  | { ok: false; reason: 'forbidden' }
  | { ok: false; reason: 'refused'; message: string };

/** Accounts in scope matching a name or email fragment; null when the actor may not manage any. */
export async function searchAccounts(
  actor: Actor,
  queryInput: string,
  limit = 50
): Promise<AccountRow[] | null> {
  const scope = await leadScope(actor);
  if (!scope) return null;
  const query = queryInput.trim().toLowerCase().slice(0, 100);
  if (query.length < 2) return [];
  // CONTAINS on lower case scans practitioners; fine at demo size (a full-text index on email
  // would be the next step). The scope predicate is what matters here.
  const { records } = await getDriver().executeQuery(
    `MATCH (p:Practitioner)
     WHERE (toLower(p.name) CONTAINS $query OR p.email CONTAINS $query)
       AND ${PRACTITIONER_IN_SCOPE}
     OPTIONAL MATCH (p)-[:WORKS_AT]->(a:Agency)
     WITH p, head(collect(a.name)) AS agencyName
     RETURN p.id AS id, p.name AS name, p.email AS email, p.jobTitle AS jobTitle,
       agencyName, p.status AS status, coalesce(p.roles, ['practitioner']) AS roles
     ORDER BY name LIMIT toInteger($limit)`,
    { ...scopeParams(scope), query, limit },
    { database: database(), routing: 'READ' }
  );
  return records.map((r) => ({
    id: r.get('id') as string,
    name: r.get('name') as string,
    email: r.get('email') as string,
    jobTitle: r.get('jobTitle') as string | null,
    agencyName: r.get('agencyName') as string | null,
    status: r.get('status') as string,
    roles: r.get('roles') as string[]
  }));
}

async function setStatus(
  actor: Actor,
  targetId: string,
  status: 'SUSPENDED' | 'ACTIVE',
  ip: string | null
): Promise<SuspensionResult> {
  const scope = await leadScope(actor);
  if (!scope) return { ok: false, reason: 'forbidden' };
  if (targetId === actor.id) {
    return { ok: false, reason: 'refused', message: 'You cannot suspend or reinstate yourself.' };
  }
  const session = getDriver().session({ database: database() });
  let outcome: SuspensionResult;
  try {
    outcome = await session.executeWrite(async (tx): Promise<SuspensionResult> => {
      const found = await tx.run(
        `MATCH (p:Practitioner {id: $targetId})
         WHERE ${PRACTITIONER_IN_SCOPE}
         RETURN 'admin' IN coalesce(p.roles, []) AS targetIsAdmin, p.status AS status`,
        { ...scopeParams(scope), targetId }
      );
      const r = found.records[0];
      if (!r) {
        return {
          ok: false,
          reason: 'refused',
          message: 'That account is not in your areas, or does not exist.'
        };
      }
      if (r.get('targetIsAdmin') && !isAdmin(actor)) {
        return { ok: false, reason: 'refused', message: 'Only an admin can suspend an admin.' };
      }
      if (r.get('status') === status) return { ok: true, endedSessions: 0 };
      await tx.run('MATCH (p:Practitioner {id: $targetId}) SET p.status = $status', {
        targetId,
        status
      });
      await auditInTx(tx, {
        type: status === 'SUSPENDED' ? 'account.suspended' : 'account.reinstated',
        actorId: actor.id,
        subjectId: targetId,
        ip
      });
      if (status === 'SUSPENDED') {
        await revokeAccountTokens(tx, targetId, 'suspended', actor.id, ip);
      }
      return { ok: true, endedSessions: 0 };
    });
  } finally {
    await session.close();
  }
  if (outcome.ok && status === 'SUSPENDED') {
    return { ok: true, endedSessions: await destroyUserSessions(targetId) };
  }
  return outcome;
}

export function suspendAccount(
  actor: Actor,
  targetId: string,
  ip: string | null = null
): Promise<SuspensionResult> {
  return setStatus(actor, targetId, 'SUSPENDED', ip);
}

export function reinstateAccount(
  actor: Actor,
  targetId: string,
  ip: string | null = null
): Promise<SuspensionResult> {
  return setStatus(actor, targetId, 'ACTIVE', ip);
}
