// Council areas and districts by code, or by a word of their name, for adding to a profile. The
// area reference data is about a thousand nodes, so a scan with a string test is cheap.
MATCH (a:Area)
WHERE a.level IN ['COUNCIL', 'DISTRICT']
  AND (a.code = $text OR toLower(a.name) CONTAINS toLower($text))
OPTIONAL MATCH (a)-[:PART_OF]->(parent:Area)
WITH a, head(collect(parent.name)) AS partOf
RETURN a.code AS code, a.name AS name, a.level AS level, partOf
ORDER BY CASE WHEN a.code = $text THEN 0 WHEN toLower(a.name) STARTS WITH toLower($text) THEN 1 ELSE 2 END,
  a.name
LIMIT toInteger($limit)
