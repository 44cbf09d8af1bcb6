// Likely duplicates of a new client, case 1: the same date of birth and a similar name. The
// full-text index finds names that match any of the new given or family name words, with typos
// (fuzzy) and without accents; the date of birth then has to be equal. Bounded by $candidates.
// Returns what search returns about a client: names, date of birth, council area, membership.
CALL db.index.fulltext.queryNodes('client_names', $lucene, {limit: toInteger($candidates)})
YIELD node, score
WITH node AS c, score
WHERE c.dob = date($dob)
WITH c, score ORDER BY score DESC LIMIT toInteger($limit)
OPTIONAL MATCH (area:Area {code: c.councilCode})
RETURN c.id AS id, c.givenName AS givenName, c.familyName AS familyName,
  c.preferredName AS preferredName, toString(c.dob) AS dob, c.councilCode AS councilCode,
  area.name AS councilName,
  EXISTS { MATCH (:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(c) WHERE m.until IS NULL } AS viewerIsMember,
  score
