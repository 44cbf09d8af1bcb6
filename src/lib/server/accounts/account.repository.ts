/** Reads of practitioner accounts needed for sign-in and sessions (never exposed over GraphQL). */
import { database, getDriver } from '../db/neo4j.ts';

export interface AccountForSignIn {
  id: string;
  passwordHash: string | null;
  status: string;
}

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  roles: string[];
  status: string;
  agencyId: string | null;
}

export async function findAccountByEmail(email: string): Promise<AccountForSignIn | null> {
  const { records } = await getDriver().executeQuery(
    'MATCH (p:Practitioner {email: $email}) RETURN p.id AS id, p.passwordHash AS passwordHash, p.status AS status',
    { email: email.trim().toLowerCase() },
    { database: database(), routing: 'READ' }
  );
  const r = records[0];
  return r
    ? { id: r.get('id'), passwordHash: r.get('passwordHash'), status: r.get('status') }
    : null;
}

export async function findSessionUser(id: string): Promise<SessionUser | null> {
  const { records } = await getDriver().executeQuery(
    `MATCH (p:Practitioner {id: $id})
     OPTIONAL MATCH (p)-[:WORKS_AT]->(a:Agency)
     RETURN p.id AS id, p.name AS name, p.email AS email, coalesce(p.roles, ['practitioner']) AS roles,
            p.status AS status, a.id AS agencyId LIMIT 1`,
    { id },
    { database: database(), routing: 'READ' }
  );
  const r = records[0];
  if (!r) return null;
  return {
    id: r.get('id'),
    name: r.get('name'),
    email: r.get('email'),
    roles: r.get('roles'),
    status: r.get('status'),
    agencyId: r.get('agencyId')
  };
}
