// Agencies serving $areas (the selected area and every area within it) with their active
// practitioners. Expanding SERVES from an area reads only that relationship type's group, so a
// council dense with LIVES_IN clients costs no more than its agencies.
MATCH (x:Area)
WHERE x.code IN $areas
MATCH (ag:Agency)-[:SERVES]->(x)
WITH ag, collect(x.code) AS served
RETURN ag.id AS id, ag.name AS name, ag.kind AS kind, ag.createdAt.epochMillis AS createdAt, served,
  [(p:Practitioner)-[:WORKS_AT]->(ag) WHERE p.status = 'ACTIVE' |
    {id: p.id, createdAt: p.createdAt.epochMillis}] AS practitioners
