// The Activity tab: the team's history for current members, newest first, at most 200 entries:
// joins and leaves (from MEMBER_OF history), lead changes and proposals, circle changes, detail
// changes and meeting packs (from command Events, never :Audit ones, so nobody sees who *viewed*), and
// attentions raised and resolved. Whoever acted as a restricted member is "a restricted service"
// to everybody but themselves (rule 3). Only safe parts of an Event's data are read: the changed
// field names of a client.updated and the kind of circle change. A join carries the reason given
// on joining (what the join form promises the team), except a masked one.
MATCH (this:Client {id: $clientId})
WHERE EXISTS { MATCH (:Practitioner {id: $viewerId})-[v:MEMBER_OF]->(this) WHERE v.until IS NULL }
CALL (this) {
  MATCH (p:Practitioner)-[m:MEMBER_OF]->(this)
  UNWIND [x IN [{kind: 'team.joined', at: m.since}, {kind: 'team.left', at: m.until}]
    WHERE x.at IS NOT NULL] AS x
  RETURN x.kind AS kind, x.at AS at, p AS actor, null AS subjectName,
    CASE x.kind WHEN 'team.joined' THEN m.reason END AS detail,
    coalesce(m.restricted, false) AS actedRestricted
  UNION ALL
  MATCH (e:Event {clientId: this.id})
  WHERE (e.type IN ['circle.changed', 'client.updated', 'meeting.pack.sent']
      OR e.type STARTS WITH 'team.lead.')
    AND NOT e:Audit
  OPTIONAL MATCH (actor:Practitioner {id: e.actorId})
  OPTIONAL MATCH (subject:Practitioner {id: e.subjectId}) WHERE e.type STARTS WITH 'team.lead.'
  OPTIONAL MATCH (other:Client {id: e.subjectId}) WHERE e.type = 'circle.changed'
  WITH e, actor, subject, other,
    CASE WHEN e.data STARTS WITH '{' THEN apoc.convert.fromJsonMap(e.data) ELSE {} END AS data
  RETURN e.type AS kind, e.createdAt AS at, actor,
    coalesce(subject.name, other.givenName + ' ' + other.familyName) AS subjectName,
    CASE e.type
      WHEN 'client.updated' THEN apoc.text.join([f IN coalesce(data.fields, []) | toString(f)], ', ')
      WHEN 'circle.changed' THEN toString(data.change)
      WHEN 'team.lead.changed' THEN toString(data.via)
      WHEN 'team.lead.declined' THEN toString(data.outcome)
      ELSE null
    END AS detail,
    actor IS NOT NULL
      AND EXISTS { MATCH (actor)-[am:MEMBER_OF]->(this) WHERE coalesce(am.restricted, false) }
      AS actedRestricted
  UNION ALL
  MATCH (at:Attention)-[:ABOUT]->(this)
  OPTIONAL MATCH (rp:Practitioner)-[:RAISED]->(at)
  UNWIND [x IN [{kind: 'attention.raised', at: at.createdAt}, {kind: 'attention.resolved', at: at.resolvedAt}]
    WHERE x.at IS NOT NULL] AS x
  RETURN x.kind AS kind, x.at AS at,
    CASE x.kind WHEN 'attention.raised' THEN rp ELSE null END AS actor,
    null AS subjectName, at.priority AS detail,
    x.kind = 'attention.raised' AND rp IS NOT NULL
      AND EXISTS { MATCH (rp)-[rm:MEMBER_OF]->(this) WHERE coalesce(rm.restricted, false) }
      AS actedRestricted
}
WITH kind, at, actor, subjectName, detail, actedRestricted
ORDER BY at DESC
LIMIT toInteger(CASE WHEN $limit < 1 THEN 1 WHEN $limit > 200 THEN 200 ELSE $limit END)
OPTIONAL MATCH (actor)-[:WORKS_AT]->(agency:Agency)
WITH kind, at, actor, subjectName, detail, actedRestricted, agency,
  actedRestricted AND actor.id <> $viewerId AS masked
RETURN {
  kind: kind,
  at: toString(at),
  actorMasked: masked,
  actorName: CASE WHEN masked THEN null ELSE actor.name END,
  actorAgency: CASE WHEN masked THEN null ELSE agency.name END,
  actorIsViewer: actor IS NOT NULL AND actor.id = $viewerId,
  subjectName: subjectName,
  // A restricted member's reason for joining could name their service: never shown masked.
  detail: CASE WHEN masked AND kind = 'team.joined' THEN null ELSE detail END
} AS entry
