// The areas a practitioner covers, once each, with how they came to cover them: PROFILE (chosen
// on /profile/areas) and/or AUTO (from their clients' council areas), and what each is part of.
MATCH (:Practitioner {id: $viewerId})-[c:COVERS]->(a:Area)
WITH a, collect(DISTINCT coalesce(c.source, 'PROFILE')) AS sources
OPTIONAL MATCH (a)-[:PART_OF]->(parent:Area)
WITH a, sources, head(collect(parent.name)) AS partOf
RETURN a.code AS code, a.name AS name, a.level AS level, partOf, sources
ORDER BY a.level DESC, a.name
LIMIT 500
