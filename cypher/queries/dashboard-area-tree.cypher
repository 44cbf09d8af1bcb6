// The dashboard's area: its ancestors (breadcrumbs) and every area within it, at most two levels
// down (state -> district -> council), each with the child of $code it lies in. Bounded: PART_OF
// paths are at most 2 long and the tree below a state has a few hundred areas.
MATCH (a:Area {code: $code})
RETURN a.code AS code, a.name AS name, a.level AS level,
  [up = (a)-[:PART_OF*1..2]->(anc:Area) |
    {code: anc.code, name: anc.name, level: anc.level, depth: length(up)}] AS ancestors,
  [down = (x:Area)-[:PART_OF*1..2]->(a) |
    {code: x.code, name: x.name, level: x.level, child: nodes(down)[-2].code}] AS below
