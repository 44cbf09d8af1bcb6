// Sensitive agencies are verified (DESIGN.md rule 3, issue 14): choosing a sensitive agency makes
// a PENDING AgencyVerification, not a WORKS_AT; an admin or a verified member of that agency
// approves it (then WORKS_AT is created with verifiedAt/verifiedById) or refuses it.
CREATE CONSTRAINT agency_verification_id IF NOT EXISTS FOR (n:AgencyVerification) REQUIRE n.id IS UNIQUE;
CREATE INDEX agency_verification_status_agency IF NOT EXISTS FOR (n:AgencyVerification) ON (n.status, n.agencyId);
CREATE INDEX agency_verification_practitioner IF NOT EXISTS FOR (n:AgencyVerification) ON (n.practitionerId);
// Everyone already working at a sensitive agency was placed there before verification existed
// (the seed, an admin, an approved agency request): they count as verified, and the record says
// so. Sensitive agencies' staff are few, so one transaction is enough.
MATCH (:Practitioner)-[w:WORKS_AT]->(a:Agency) WHERE a.sensitive = true AND w.verifiedAt IS NULL SET w.verifiedAt = coalesce(w.since, datetime()), w.verifiedById = 'migration:V0010';
