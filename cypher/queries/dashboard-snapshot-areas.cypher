// What the weekly job snapshots: every state and district, and the council areas where there is
// something to count (a client or an agency). One indexed seek per council.
MATCH (a:Area)
WHERE a.level IN ['STATE', 'DISTRICT']
  OR EXISTS { MATCH (:Client {councilCode: a.code}) }
  OR EXISTS { MATCH (a)<-[:SERVES]-(:Agency) }
RETURN a.code AS code
ORDER BY a.level DESC, code
