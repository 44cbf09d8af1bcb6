// "Everywhere" (admins only): the states and every area within each, at most two levels down.
// Only the weekly snapshot job reads this; a request never does.
MATCH (s:Area {level: 'STATE'})
RETURN s.code AS code, s.name AS name, s.level AS level,
  [down = (x:Area)-[:PART_OF*1..2]->(s) | {code: x.code, name: x.name, level: x.level}] AS below
ORDER BY name
