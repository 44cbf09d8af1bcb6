// The searcher's areas as three sets of codes, computed once per search so that results are ranked
// by a cheap `code IN $tier0` test instead of walking through dense council nodes per result:
//   tier0 "my areas":       councils the viewer covers (PROFILE or AUTO), every council of a covered
//                           district, and those covered districts themselves;
//   tier1 "my districts":   the districts those councils are part of, and all of their councils;
//   tier2 "my states":      the states (UK regions) above them, and every district and council in them.
// The hierarchy is at most council -> district -> state, so every path is bounded to two steps.
// Area reference data has about a thousand nodes: these sets are small.
OPTIONAL MATCH (:Practitioner {id: $viewerId})-[:COVERS]->(covered:Area)
WITH collect(DISTINCT covered) AS covered
WITH [a IN covered WHERE a.level = 'COUNCIL' | a.code] AS coveredCouncils,
  [a IN covered WHERE a.level = 'DISTRICT' | a.code] AS coveredDistricts,
  [a IN covered WHERE a.level = 'STATE' | a.code] AS coveredStates
CALL (coveredDistricts) {
  UNWIND coveredDistricts AS code
  MATCH (c:Area)-[:PART_OF]->(:Area {code: code})
  WHERE c.level = 'COUNCIL'
  RETURN collect(DISTINCT c.code) AS councilsOfCoveredDistricts
}
WITH coveredCouncils + councilsOfCoveredDistricts AS mineCouncils, coveredDistricts, coveredStates
CALL (mineCouncils, coveredDistricts) {
  UNWIND mineCouncils + coveredDistricts AS code
  MATCH (:Area {code: code})-[:PART_OF*1..2]->(up:Area)
  RETURN collect(DISTINCT CASE WHEN up.level = 'DISTRICT' THEN up.code END) AS upDistricts,
    collect(DISTINCT CASE WHEN up.level = 'STATE' THEN up.code END) AS upStates
}
WITH mineCouncils, coveredDistricts,
  apoc.coll.toSet(coveredDistricts + upDistricts) AS districts,
  apoc.coll.toSet(coveredStates + upStates) AS states
CALL (districts) {
  UNWIND districts AS code
  MATCH (c:Area)-[:PART_OF]->(:Area {code: code})
  WHERE c.level = 'COUNCIL'
  RETURN collect(DISTINCT c.code) AS districtCouncils
}
CALL (states) {
  UNWIND states AS code
  MATCH (a:Area)-[:PART_OF*1..2]->(:Area {code: code})
  RETURN collect(DISTINCT a.code) AS stateAreas
}
RETURN apoc.coll.toSet(mineCouncils + coveredDistricts) AS tier0,
  apoc.coll.toSet(districts + districtCouncils) AS tier1,
  apoc.coll.toSet(states + stateAreas) AS tier2,
  size(mineCouncils) + size(coveredDistricts) + size(states) > 0 AS hasAreas
