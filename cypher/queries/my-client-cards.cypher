// The signed-in home ("My clients"): the viewer's current clients, most recently active first,
// with their team size, open attentions and the latest activity (kind and date only: no actor, so
// a restricted member's doings are never attributed). Bounded by $limit (at most 200).
MATCH (:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(c:Client)
WHERE m.until IS NULL
WITH DISTINCT c
CALL (c) {
  MATCH (:Practitioner)-[mm:MEMBER_OF]->(c)
  UNWIND [x IN [{kind: 'team.joined', at: mm.since}, {kind: 'team.left', at: mm.until}]
    WHERE x.at IS NOT NULL] AS x
  RETURN x.kind AS kind, x.at AS at
  UNION ALL
  MATCH (e:Event {clientId: c.id})
  WHERE e.type IN ['team.lead.changed', 'circle.changed', 'client.updated', 'meeting.pack.sent']
    AND NOT e:Audit
  RETURN e.type AS kind, e.createdAt AS at
  UNION ALL
  MATCH (at:Attention)-[:ABOUT]->(c)
  UNWIND [x IN [{kind: 'attention.raised', at: at.createdAt},
    {kind: 'attention.resolved', at: at.resolvedAt}] WHERE x.at IS NOT NULL] AS x
  RETURN x.kind AS kind, x.at AS at
}
WITH c, kind, at ORDER BY at DESC
WITH c, head(collect({kind: kind, at: at})) AS latest
ORDER BY latest.at DESC, c.familyName, c.givenName
LIMIT toInteger(CASE WHEN $limit < 1 THEN 1 WHEN $limit > 200 THEN 200 ELSE $limit END)
OPTIONAL MATCH (area:Area {code: c.councilCode})
RETURN {
  clientId: c.id,
  givenName: c.givenName,
  familyName: c.familyName,
  preferredName: c.preferredName,
  dob: toString(c.dob),
  councilName: area.name,
  // As many as the team page lists: restricted members (but the viewer) count as one entry,
  // so the card does not tell how many restricted services are involved (rule 3).
  teamSize: COUNT {
      MATCH (tp:Practitioner)-[tm:MEMBER_OF]->(c)
      WHERE tm.until IS NULL AND (NOT coalesce(tm.restricted, false) OR tp.id = $viewerId)
    }
    + CASE WHEN EXISTS {
      MATCH (rp:Practitioner)-[rm:MEMBER_OF]->(c)
      WHERE rm.until IS NULL AND coalesce(rm.restricted, false) AND rp.id <> $viewerId
    } THEN 1 ELSE 0 END,
  openAttentions: COUNT { MATCH (oa:Attention)-[:ABOUT]->(c) WHERE oa.resolvedAt IS NULL },
  latestKind: latest.kind,
  latestAt: toString(latest.at)
} AS client
