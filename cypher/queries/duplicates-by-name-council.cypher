// Likely duplicates of a new client, case 2: the same given and family name (ignoring case and
// accents: the analyzer folds them) in the same council area, whatever the date of birth (it may
// have been recorded wrongly). $lucene requires every given-name word in givenName and every
// family-name word in familyName.
CALL db.index.fulltext.queryNodes('client_names', $lucene, {limit: toInteger($candidates)})
YIELD node, score
WITH node AS c, score
WHERE c.councilCode = $councilCode
WITH c, score ORDER BY score DESC LIMIT toInteger($limit)
OPTIONAL MATCH (area:Area {code: c.councilCode})
RETURN c.id AS id, c.givenName AS givenName, c.familyName AS familyName,
  c.preferredName AS preferredName, toString(c.dob) AS dob, c.councilCode AS councilCode,
  area.name AS councilName,
  EXISTS { MATCH (:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(c) WHERE m.until IS NULL } AS viewerIsMember,
  score
