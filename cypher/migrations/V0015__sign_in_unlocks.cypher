// Links that lift a paused sign-in (src/lib/server/accounts/sign-in-unlock.service.ts): one node
// per link, found by the SHA-256 of its token; older links of the same account are superseded.
CREATE CONSTRAINT sign_in_unlock_id IF NOT EXISTS FOR (n:SignInUnlock) REQUIRE n.id IS UNIQUE;
CREATE INDEX sign_in_unlock_token IF NOT EXISTS FOR (n:SignInUnlock) ON (n.tokenHash);
CREATE INDEX sign_in_unlock_practitioner IF NOT EXISTS FOR (n:SignInUnlock) ON (n.practitionerId);
