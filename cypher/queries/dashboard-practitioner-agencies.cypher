// The current agency of each practitioner on the area's teams (one indexed lookup per id).
UNWIND $ids AS id
MATCH (:Practitioner {id: id})-[:WORKS_AT]->(ag:Agency)
RETURN id AS practitioner, ag.id AS agency
