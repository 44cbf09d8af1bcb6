/**
 * Whom a local lead may manage and report on: the areas they LEAD and the areas within them
 * (PART_OF, at most two levels down: state -> district -> council). Admins see everything.
 * Services pass the codes into their Cypher as $codes, so the check is part of every query.
 */
import { database, getDriver } from '../db/neo4j.ts';

export interface Actor {
  id: string;
  roles: string[];
}

/** `all` for admins; otherwise the area codes in the lead's scope (possibly none). */
export type Scope = { all: true } | { all: false; codes: string[] };

export const isAdmin = (actor: Actor) => actor.roles.includes('admin');
export const isLead = (actor: Actor) => actor.roles.includes('lead');

/** Null when the actor is neither a lead nor an admin: the caller answers 403. */
export async function leadScope(actor: Actor): Promise<Scope | null> {
  if (isAdmin(actor)) return { all: true };
  if (!isLead(actor)) return null;
  const { records } = await getDriver().executeQuery(
    `MATCH (:Practitioner {id: $id, status: 'ACTIVE'})-[:LEADS]->(led:Area)
     MATCH (a:Area)-[:PART_OF*0..2]->(led)
     RETURN collect(DISTINCT a.code) AS codes`,
    { id: actor.id },
    { database: database(), routing: 'READ' }
  );
  return { all: false, codes: (records[0]?.get('codes') as string[] | undefined) ?? [] };
}

/** Cypher parameters for a scope: `$all` short-circuits the `IN $codes` test for admins. */
export function scopeParams(scope: Scope): { all: boolean; codes: string[] } {
  return scope.all ? { all: true, codes: [] } : { all: false, codes: scope.codes };
}

/**
 * A practitioner `p` is in scope when their agency serves an area in scope, or, while they wait
 * for a new agency to be approved, when they asked for it in such an area.
 */
export const PRACTITIONER_IN_SCOPE = `($all OR EXISTS {
    MATCH (p)-[:WORKS_AT]->(:Agency)-[:SERVES]->(sa:Area) WHERE sa.code IN $codes
  } OR EXISTS {
    MATCH (r:AgencyRequest {requestedById: p.id, status: 'PENDING'}) WHERE r.areaCode IN $codes
  })`;
