// Query.myClients: the viewer's current clients, newest membership first, paged and capped.
MATCH (:Practitioner {id: $jwt.sub})-[m:MEMBER_OF]->(client:Client)
WHERE m.until IS NULL
WITH client, max(m.since) AS since
ORDER BY since DESC, client.id
SKIP CASE WHEN $offset < 0 THEN 0 ELSE $offset END
LIMIT CASE WHEN $limit < 0 THEN 0 WHEN $limit > 500 THEN 500 ELSE $limit END
RETURN client
