// Keeps this week's snapshot of an area (computing it again in the same week replaces it) and
// drops that area's snapshots older than $keepWeeks: each snapshot holds the whole series, so old
// ones are only history nobody reads.
MERGE (s:DashboardSnapshot {id: $id})
SET s.areaCode = $areaCode,
  s.weekStart = date($weekStart),
  s.computedAt = datetime($computedAt),
  s.figures = $figures
WITH s
CALL (s) {
  MATCH (old:DashboardSnapshot {areaCode: s.areaCode})
  WHERE old.weekStart < s.weekStart - duration({weeks: $keepWeeks})
  DETACH DELETE old
}
RETURN s.id AS id
