// The phone book's list of an agency's active practitioners, by name: a count and the first
// $limit. A big agency is a dense node, so the list is bounded and only public fields are
// returned: never anybody's clients or teams (DESIGN.md rule 3).
MATCH (ag:Agency {id: $agencyId})
CALL (ag) {
  MATCH (p:Practitioner)-[:WORKS_AT]->(ag)
  WHERE p.status = 'ACTIVE'
  RETURN count(p) AS total
}
CALL (ag) {
  MATCH (p:Practitioner)-[:WORKS_AT]->(ag)
  WHERE p.status = 'ACTIVE'
  WITH p ORDER BY p.name, p.id LIMIT toInteger($limit)
  RETURN collect({id: p.id, name: p.name, jobTitle: p.jobTitle, phone: p.phone, email: p.email}) AS people
}
RETURN total, people
