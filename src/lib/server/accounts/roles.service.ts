/**
 * Changing an account's roles: local lead and admin (everyone keeps `practitioner`). Only an admin
 * may, never on their own account (so nobody grants themselves more, and an admin cannot lock
 * themselves out by mistake). A change revokes every API token of the account in the same
 * transaction: a token made for one set of powers never silently carries another, and a
 * demotion during an incident also ends what the account left running. Sessions need nothing:
 * hooks.server.ts re-reads the roles on every request.
 */
import { auditInTx } from '../audit/audit.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { revokeAccountTokens } from './api-tokens.service.ts';
import { isAdmin, type Actor } from './lead-scope.ts';

export interface RoleChoice {
  lead: boolean;
  admin: boolean;
}

export type RoleChangeResult =
  | { ok: true; roles: string[]; changed: boolean; revokedTokens: number }
  | { ok: false; reason: 'forbidden' }
  | { ok: false; reason: 'refused'; message: string };

/** The stored list, in a fixed order so an unchanged choice compares equal. */
export function rolesFor(choice: RoleChoice): string[] {
  return ['practitioner', ...(choice.lead ? ['lead'] : []), ...(choice.admin ? ['admin'] : [])];
}

export async function changeAccountRoles(
  actor: Actor,
  targetId: string,
  choice: RoleChoice,
  ip: string | null = null
): Promise<RoleChangeResult> {
  if (!isAdmin(actor)) return { ok: false, reason: 'forbidden' };
  if (targetId === actor.id) {
    return { ok: false, reason: 'refused', message: 'You cannot change your own roles.' };
  }
  const roles = rolesFor(choice);
  const session = getDriver().session({ database: database() });
  try {
    return await session.executeWrite(async (tx): Promise<RoleChangeResult> => {
      // SET on the same node first takes its write lock, so two admins' changes apply in turn.
      const found = await tx.run(
        `MATCH (p:Practitioner {id: $targetId})
         WITH p, coalesce(p.roles, ['practitioner']) AS before
         SET p.roles = $roles
         RETURN before`,
        { targetId, roles }
      );
      const r = found.records[0];
      if (!r) {
        return { ok: false, reason: 'refused', message: 'There is no such account.' };
      }
      const before = [...(r.get('before') as string[])].sort();
      if (before.join() === [...roles].sort().join()) {
        return { ok: true, roles, changed: false, revokedTokens: 0 };
      }
      await auditInTx(tx, {
        type: 'account.roles.changed',
        actorId: actor.id,
        subjectId: targetId,
        ip,
        data: { from: before.join(','), to: roles.join(',') }
      });
      const revokedTokens = await revokeAccountTokens(tx, targetId, 'roles-changed', actor.id, ip);
      return { ok: true, roles, changed: true, revokedTokens };
    });
  } finally {
    await session.close();
  }
}
