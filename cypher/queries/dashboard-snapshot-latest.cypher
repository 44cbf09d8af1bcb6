// The newest snapshot of an area (index dashboard_snapshot_area_week).
MATCH (s:DashboardSnapshot {areaCode: $areaCode})
RETURN s.id AS id, s.areaCode AS areaCode, toString(s.weekStart) AS weekStart,
  toString(s.computedAt) AS computedAt, s.figures AS figures
ORDER BY s.weekStart DESC
LIMIT 1
