// The `&area=<code>` filters of a search, expanded once per search: `within` holds each chosen
// area and every district and council under it (a client matches when its councilCode is in it);
// `above` holds the districts and states the chosen areas are part of (an agency serving a whole
// district serves each council in it). Bounded: the hierarchy is at most two steps deep.
UNWIND $codes AS code
MATCH (chosen:Area {code: code})
CALL (chosen) {
  OPTIONAL MATCH (below:Area)-[:PART_OF*1..2]->(chosen)
  RETURN collect(DISTINCT below.code) AS below
}
CALL (chosen) {
  OPTIONAL MATCH (chosen)-[:PART_OF*1..2]->(up:Area)
  RETURN collect(DISTINCT up.code) AS up
}
WITH collect({code: chosen.code, name: chosen.name, level: chosen.level}) AS chosen,
  apoc.coll.flatten(collect([chosen.code] + below)) AS within,
  apoc.coll.flatten(collect(up)) AS above
RETURN chosen, apoc.coll.toSet(within) AS within, apoc.coll.toSet(above) AS above
