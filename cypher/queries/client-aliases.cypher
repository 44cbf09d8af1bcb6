// Client.aliases: the client's other names for current team members, an empty list for others.
RETURN CASE
  WHEN EXISTS { MATCH (:Practitioner {id: $jwt.sub})-[v:MEMBER_OF]->(this) WHERE v.until IS NULL }
  THEN coalesce(this.aliases, [])
  ELSE []
END AS alias
