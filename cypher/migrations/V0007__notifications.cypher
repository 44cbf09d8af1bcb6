// The alerts pipeline (docs/alerts.md): fan-out and the email worker look notifications up by
// event, recipient and digest; the digest collector scans pending digest notifications; digests
// are found by batch. Attentions are listed per client (via ABOUT) and need no index of their own.
CREATE CONSTRAINT digest_id IF NOT EXISTS FOR (n:Digest) REQUIRE n.id IS UNIQUE;
CREATE INDEX notification_event IF NOT EXISTS FOR (n:Notification) ON (n.eventId);
CREATE INDEX notification_recipient IF NOT EXISTS FOR (n:Notification) ON (n.recipientId);
CREATE INDEX notification_mode_status IF NOT EXISTS FOR (n:Notification) ON (n.mode, n.status);
CREATE INDEX notification_status IF NOT EXISTS FOR (n:Notification) ON (n.status);
CREATE INDEX notification_digest IF NOT EXISTS FOR (n:Notification) ON (n.digestId);
CREATE INDEX notification_client IF NOT EXISTS FOR (n:Notification) ON (n.clientId);
CREATE INDEX digest_batch IF NOT EXISTS FOR (n:Digest) ON (n.batchId);
CREATE INDEX digest_status IF NOT EXISTS FOR (n:Digest) ON (n.status);
CREATE INDEX event_outbox_pending IF NOT EXISTS FOR (n:Event) ON (n.outbox, n.publishedAt);
