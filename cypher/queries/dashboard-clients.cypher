// Every client living in $councils (indexed councilCode), as codes and epoch milliseconds only:
// no names, no client ids. Memberships carry the member's practitioner id (their agency is read
// once per practitioner by dashboard-practitioner-agencies.cypher, not once per membership) and
// `confirmedAt` as the alerts' stale rule reads it. Each circle link is reported once: by its
// start node, or by the end in the area when the other end lives elsewhere. Restricted
// memberships are left out altogether: a restricted membership changes nothing others can see,
// and a dashboard's small counts would otherwise show one (DESIGN.md rule 3).
MATCH (c:Client)
WHERE c.councilCode IN $councils
RETURN c.councilCode AS council,
  c.createdAt.epochMillis AS createdAt,
  [(p:Practitioner)-[m:MEMBER_OF]->(c) WHERE NOT coalesce(m.restricted, false) | {
    practitioner: p.id,
    since: m.since.epochMillis,
    until: m.until.epochMillis,
    lead: coalesce(m.lead, false),
    restricted: coalesce(m.restricted, false),
    confirmedAt: coalesce(m.lastConfirmedAt, m.since).epochMillis
  }] AS members,
  [(at:Attention)-[:ABOUT]->(c) |
    {createdAt: at.createdAt.epochMillis, resolvedAt: at.resolvedAt.epochMillis}] AS attentions,
  [(c)-[l:IN_CIRCLE]-(o:Client) WHERE startNode(l) = c OR NOT o.councilCode IN $councils |
    {since: l.since.epochMillis, other: o.councilCode}] AS links
