// Password reset links (src/lib/server/accounts/password-reset.service.ts): one node per link,
// found by the SHA-256 of its token; older links of the same account are superseded by id.
CREATE CONSTRAINT password_reset_id IF NOT EXISTS FOR (n:PasswordReset) REQUIRE n.id IS UNIQUE;
CREATE INDEX password_reset_token IF NOT EXISTS FOR (n:PasswordReset) ON (n.tokenHash);
CREATE INDEX password_reset_practitioner IF NOT EXISTS FOR (n:PasswordReset) ON (n.practitionerId);
