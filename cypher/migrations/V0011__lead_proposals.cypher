// Lead professional appointments (DESIGN.md rule 4: appointed, never taken). A LeadProposal is a
// nomination or a handover waiting for someone else's confirmation or acceptance. `pendingFor`
// holds the client id while it waits and is removed when it is decided, so the uniqueness
// constraint allows at most one pending proposal per client even under concurrent requests
// (nulls are not indexed); decided proposals are kept as history.
CREATE CONSTRAINT lead_proposal_id IF NOT EXISTS FOR (n:LeadProposal) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT lead_proposal_pending IF NOT EXISTS FOR (n:LeadProposal) REQUIRE n.pendingFor IS UNIQUE;
CREATE INDEX lead_proposal_client IF NOT EXISTS FOR (n:LeadProposal) ON (n.clientId);
