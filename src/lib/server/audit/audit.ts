/**
 * The append-only audit trail (DESIGN.md rule 5). Records are Event nodes labelled :Audit; no
 * GraphQL mutation or service updates or deletes them. `data` holds ids and codes only.
 */
import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { database, getDriver } from '../db/neo4j.ts';

export type AuditType =
  | 'auth.signin'
  | 'auth.signin.failed'
  | 'auth.signin.paused'
  | 'auth.signin.unlocked'
  | 'auth.signout'
  | 'auth.signout.everywhere'
  | 'auth.password.reset.requested'
  | 'auth.password.reset'
  | 'auth.password.changed'
  | 'auth.email.changed'
  | 'account.invited'
  | 'account.invite.revoked'
  | 'account.activated'
  | 'account.suspended'
  | 'account.reinstated'
  | 'account.roles.changed'
  | 'account.profile.updated'
  | 'agency.request.approved'
  | 'agency.request.rejected'
  | 'token.created'
  | 'token.revoked'
  | 'access.denied'
  | 'team.viewed'
  | 'circle.viewed'
  | 'graph.viewed'
  | 'address.viewed'
  | 'team.emailed'
  | 'client.searched'
  | 'report.viewed';

export interface AuditEntry {
  type: AuditType;
  actorId?: string | null;
  clientId?: string | null;
  subjectId?: string | null;
  ip?: string | null;
  data?: Record<string, string | number | boolean | null>;
}

const CREATE = `CREATE (e:Event:Audit {id: $id, type: $type, actorId: $actorId, clientId: $clientId,
  subjectId: $subjectId, ip: $ip, data: $data, createdAt: datetime(), outbox: false})`;

function params(entry: AuditEntry) {
  return {
    id: randomUUID(),
    type: entry.type,
    actorId: entry.actorId ?? null,
    clientId: entry.clientId ?? null,
    subjectId: entry.subjectId ?? null,
    ip: entry.ip ?? null,
    data: JSON.stringify(entry.data ?? {})
  };
}

/** Inside a command's transaction, so the record exists exactly when the change does. */
export async function auditInTx(tx: ManagedTransaction, entry: AuditEntry): Promise<void> {
  await tx.run(CREATE, params(entry));
}

export async function audit(entry: AuditEntry): Promise<void> {
  await getDriver().executeQuery(CREATE, params(entry), { database: database() });
}
