// The states, for "everywhere" before its first snapshot exists (names only; index area_level).
MATCH (s:Area {level: 'STATE'})
RETURN s.code AS code, s.name AS name, s.level AS level
ORDER BY name
