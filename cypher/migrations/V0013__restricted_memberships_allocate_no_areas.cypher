// DESIGN.md rule 3: a restricted membership changes nothing others can see. Joining as restricted
// used to allocate the client's council to the practitioner's public areas (COVERS source AUTO),
// which the phone book shows; joinTeam no longer does. This removes the AUTO areas that no
// unrestricted membership (current or past) explains. Areas chosen in the profile stay.
MATCH (p:Practitioner)-[cv:COVERS {source: 'AUTO'}]->(a:Area)
WHERE NOT EXISTS {
  MATCH (p)-[m:MEMBER_OF]->(c:Client)
  WHERE c.councilCode = a.code AND NOT coalesce(m.restricted, false)
}
DELETE cv;
