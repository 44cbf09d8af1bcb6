// Names of the agencies on a collaboration map that serve elsewhere (a state-wide service seen
// on a council's teams). At most the map's node limit of ids.
MATCH (ag:Agency)
WHERE ag.id IN $ids
RETURN ag.id AS id, ag.name AS name, ag.kind AS kind
