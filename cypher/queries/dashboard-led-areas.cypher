// The areas a local lead LEADS (their dashboard opens on the first).
MATCH (:Practitioner {id: $id, status: 'ACTIVE'})-[:LEADS]->(a:Area)
RETURN a.code AS code, a.name AS name, a.level AS level
ORDER BY name
