// Client.activity: the team's activity log, newest first, for current team members only. Only
// the event type and time and a masked-or-not actor: never the event's data, whose ids could
// name a restricted member through the phone book. Views (`team.viewed`, ...) would drown the
// log, so they come only with includeViews; refused access (`access.denied`) is for the access
// reports of leads and admins, not for the team.
WITH this
WHERE EXISTS { MATCH (:Practitioner {id: $jwt.sub})-[v:MEMBER_OF]->(this) WHERE v.until IS NULL }
MATCH (e:Event {clientId: this.id})
WHERE e.type <> 'access.denied' AND ($includeViews OR NOT e.type ENDS WITH '.viewed')
WITH this, e ORDER BY e.createdAt DESC
LIMIT CASE WHEN $limit < 0 THEN 0 WHEN $limit > 200 THEN 200 ELSE $limit END
OPTIONAL MATCH (actor:Practitioner {id: e.actorId})
OPTIONAL MATCH (actor)-[:WORKS_AT]->(aa:Agency)
WITH this, e, actor, aa,
  actor IS NOT NULL
  AND EXISTS { MATCH (actor)-[am:MEMBER_OF]->(this) WHERE am.restricted } AS restricted
WITH e, actor, aa, restricted, restricted AND actor.id <> $jwt.sub AS masked
ORDER BY e.createdAt DESC
RETURN {
  id: e.id,
  type: e.type,
  createdAt: e.createdAt,
  actor: CASE
    WHEN actor IS NULL THEN null
    WHEN masked THEN {
      masked: true, restricted: true, lead: false, isViewer: false
    }
    ELSE {
      masked: false, restricted: restricted, lead: false, isViewer: actor.id = $jwt.sub,
      dutyPhone: aa.dutyPhone, practitionerId: actor.id, name: actor.name,
      jobTitle: actor.jobTitle, phone: actor.phone, email: actor.email, agencyId: aa.id,
      agencyName: aa.name, agencyKind: aa.kind
    }
  END
} AS entry
