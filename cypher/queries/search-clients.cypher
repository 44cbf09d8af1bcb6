// Clients for the search box: the names (given, family, preferred, aliases) through the
// `client_names` full-text index, or a date of birth alone through the `client_dob` index; an
// optional date of birth narrows a name search. Then the optional area filter, then the tier
// (0 my areas, 1 my districts, 2 my states, 3 everywhere) from code lists computed once per search.
// Returns one row: the count per tier (before the scope cut, so the chips can say what widening
// would add) and the hits, ranked by how well a name matches (search-name-match.cypher: the whole
// name first, then every word typed or started, then similar spellings), then tier, then relevance.
//
// Only what identifies a person is returned: names, date of birth, council area and whether the
// viewer is on the team. Never the team, its size, agencies, attentions, aliases or an address
// (DESIGN.md rules 2 and 4).
CALL () {
  WITH 1 AS searching WHERE $lucene IS NOT NULL
  CALL db.index.fulltext.queryNodes('client_names', $lucene, {limit: toInteger($candidates)})
  YIELD node, score
  WITH node AS c, score
  WHERE $dobFrom IS NULL OR (c.dob >= date($dobFrom) AND c.dob <= date($dobTo))
  RETURN c, score
  UNION ALL
  WITH 1 AS searching WHERE $lucene IS NULL AND $dobFrom IS NOT NULL
  MATCH (c:Client)
  WHERE c.dob >= date($dobFrom) AND c.dob <= date($dobTo)
  // A year matches many people: keep the local ones when there are more than we look at.
  WITH c LIMIT toInteger($scanLimit)
  WITH c, CASE
      WHEN c.councilCode IN $tier0 THEN 0 WHEN c.councilCode IN $tier1 THEN 1
      WHEN c.councilCode IN $tier2 THEN 2 ELSE 3 END AS tier
  ORDER BY tier
  LIMIT toInteger($candidates)
  RETURN c, 1.0 AS score
}
WITH c, score
WHERE $within IS NULL OR c.councilCode IN $within
WITH c, score, CASE
    WHEN c.councilCode IN $tier0 THEN 0 WHEN c.councilCode IN $tier1 THEN 1
    WHEN c.councilCode IN $tier2 THEN 2 ELSE 3 END AS tier,
  [c.givenName + ' ' + c.familyName, c.preferredName + ' ' + c.familyName] + coalesce(c.aliases, [])
    AS names, [] AS extraWords
// @include search-name-match.cypher
WITH collect({c: c, score: score, tier: tier, match: match}) AS rows
RETURN [t IN range(0, 3) | size([r IN rows WHERE r.tier = t])] AS tierCounts,
  size(rows) >= toInteger($candidates) AS capped,
  COLLECT {
    UNWIND rows AS r
    WITH r WHERE r.tier <= $maxTier
    WITH r.c AS c, r.score AS score, r.tier AS tier, r.match AS match
    ORDER BY CASE match WHEN 0 THEN 0 WHEN 3 THEN 2 ELSE 1 END, tier, match, score DESC,
      c.familyName, c.givenName, c.id
    LIMIT toInteger($limit)
    OPTIONAL MATCH (area:Area {code: c.councilCode})
    RETURN {
      id: c.id,
      givenName: c.givenName,
      familyName: c.familyName,
      preferredName: c.preferredName,
      dob: toString(c.dob),
      councilCode: c.councilCode,
      councilName: area.name,
      viewerIsMember: EXISTS {
        MATCH (:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(c) WHERE m.until IS NULL
      },
      tier: tier,
      match: match,
      score: score
    } AS hit
  } AS hits
