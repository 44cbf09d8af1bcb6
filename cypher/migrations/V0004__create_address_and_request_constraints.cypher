// Addresses live in their own node so that authorization can guard them separately from the
// client's name (DESIGN.md rule 4). Agency requests come from activation (a new agency to approve).
CREATE CONSTRAINT address_id IF NOT EXISTS FOR (n:Address) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agency_request_id IF NOT EXISTS FOR (n:AgencyRequest) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.id IS UNIQUE;
CREATE INDEX api_token_hash IF NOT EXISTS FOR (n:ApiToken) ON (n.tokenHash);
