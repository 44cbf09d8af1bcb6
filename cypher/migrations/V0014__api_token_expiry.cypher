// API tokens expire (issue 15, finding 3): a new token works for the days its owner chose, 90
// unless they chose otherwise, at most 365. Tokens created before that have no expiry, and
// verifyApiToken refuses a token without one, so they get the default counted from their
// creation: one older than 90 days stops working now, a newer one keeps its remaining days.
MATCH (t:ApiToken)
WHERE t.expiresAt IS NULL AND t.createdAt IS NOT NULL
SET t.expiresAt = t.createdAt + duration({days: 90});
// A suspension now revokes the account's tokens; an account suspended before that kept them, and
// they would have come back on reinstatement. Revoke them as the suspension would have.
MATCH (p:Practitioner {status: 'SUSPENDED'})
MATCH (t:ApiToken {ownerId: p.id})
WHERE t.revokedAt IS NULL
SET t.revokedAt = datetime(), t.revokedReason = 'suspended';
