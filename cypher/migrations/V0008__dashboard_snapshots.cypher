// Weekly dashboard snapshots (docs/dashboard.md): one per area and week, id = `<areaCode>@<week
// start>`; the dashboard reads an area's newest one by (areaCode, weekStart).
CREATE CONSTRAINT dashboard_snapshot_id IF NOT EXISTS FOR (n:DashboardSnapshot) REQUIRE n.id IS UNIQUE;
CREATE INDEX dashboard_snapshot_area_week IF NOT EXISTS FOR (n:DashboardSnapshot) ON (n.areaCode, n.weekStart);
